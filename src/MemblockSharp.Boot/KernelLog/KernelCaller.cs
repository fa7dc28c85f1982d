using System.Globalization;
using System.Text.RegularExpressions;

namespace MemblockSharp.Boot.KernelLog;

/// <summary>
/// The caller a <c>memblock=debug</c> line names, as the kernel's <c>%pS</c> prints it: <c>name+0xoff/0xsize</c>,
/// optionally followed by <c> [module]</c>, or a bare address when the kernel has no symbols.
/// </summary>
/// <param name="Text">The caller exactly as logged.</param>
/// <param name="Function">The function name (<c>arm64_memblock_init</c>), or the logged text when it has no symbol form.</param>
/// <param name="Offset">The offset into the function, or 0 when not given.</param>
/// <param name="FunctionSize">The size of the function, or 0 when not given.</param>
public readonly partial record struct KernelCaller(string Text, string Function, ulong Offset, ulong FunctionSize)
{
    /// <summary>Parses a logged caller; any non-empty text without spaces (or the module form) is accepted.</summary>
    /// <param name="text">The caller text.</param>
    /// <param name="caller">The parsed caller.</param>
    /// <returns>False when <paramref name="text"/> is empty or does not look like a <c>%pS</c> rendering.</returns>
    public static bool TryParse(string text, out KernelCaller caller)
    {
        caller = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var m = SymbolForm().Match(text);
        if (m.Success)
        {
            caller = new KernelCaller(text, m.Groups["name"].Value,
                ulong.Parse(m.Groups["off"].ValueSpan, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                ulong.Parse(m.Groups["len"].ValueSpan, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            return true;
        }
        // Without symbols %pS prints a bare address; anything else with a '+' is a symbol form cut short or garbled.
        if (!BareForm().IsMatch(text))
            return false;
        caller = new KernelCaller(text, text, 0, 0);
        return true;
    }

    /// <summary>A caller for calls the replay inferred (not in the log).</summary>
    /// <param name="function">The kernel function believed to have made the call.</param>
    /// <returns>The caller.</returns>
    public static KernelCaller Inferred(string function) => new(function, function, 0, 0);

    /// <inheritdoc/>
    public override string ToString() => Text;

    [GeneratedRegex(@"^(?<name>[A-Za-z_.$][\w.$]*)\+0x(?<off>[0-9a-f]{1,16})/0x(?<len>[0-9a-f]{1,16})(?: \[[^\]\s]+\])?$")]
    private static partial Regex SymbolForm();

    [GeneratedRegex(@"^(?:0x[0-9a-f]{1,16}|[A-Za-z_.$][\w.$]*)$")]
    private static partial Regex BareForm();
}
