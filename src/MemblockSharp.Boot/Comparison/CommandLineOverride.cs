using System.Globalization;
using System.Text;
using MemblockSharp.Boot.Simulation;

namespace MemblockSharp.Boot.Comparison;

/// <summary>
/// Kernel parameters applied on top of a command line (<c>memblock boot --what-if "cma=128M crashkernel=256M"</c>):
/// a parameter given here replaces every parameter of the same name in the command line (in the place of the first
/// one), <c>-NAME</c> removes them (any name), and parameters the command line does not have are appended.
/// Only parameters the simulation knows (<see cref="KernelCommandLine"/>) are accepted; the memory parameters
/// (<c>mem=</c>, <c>cma=</c>, <c>crashkernel=</c>, <c>log_buf_len=</c>, <c>memblock=</c>) must have a well-formed value.
/// </summary>
public sealed class CommandLineOverride
{
    private static readonly string[] MemoryParameters = ["mem", "cma", "crashkernel", "log_buf_len", "memblock"];

    /// <summary>The parameters, in the order given.</summary>
    private readonly IReadOnlyList<Token> _tokens;

    private CommandLineOverride(IReadOnlyList<Token> tokens) => _tokens = tokens;

    /// <summary>The parameters to set, as given (<c>cma=128M</c>).</summary>
    public IReadOnlyList<string> Set => _tokens.Where(t => !t.Remove).Select(t => t.Text).ToList();

    /// <summary>The names of the parameters to remove (given as <c>-NAME</c>).</summary>
    public IReadOnlyList<string> Removed => _tokens.Where(t => t.Remove).Select(t => t.Name).ToList();

    /// <summary>Parses and checks the parameters.</summary>
    /// <param name="text">Blank-separated kernel parameters; double quotes group as on the kernel command line.</param>
    /// <returns>The override.</returns>
    /// <exception cref="CommandLineOverrideException">Empty, an unterminated quote, a parameter the simulation does not know, or a malformed value (the message names the token).</exception>
    public static CommandLineOverride Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<Token>();
        foreach (var raw in Split(text, strict: true))
            tokens.Add(Check(raw));
        if (tokens.Count == 0)
            throw new CommandLineOverrideException($"--what-if '{text}': no kernel parameters (expected e.g. \"cma=128M crashkernel=256M mem=1G\")");
        var removedAndSet = tokens.Where(t => t.Remove).Select(t => t.Name).Intersect(tokens.Where(t => !t.Remove).Select(t => t.Name), StringComparer.Ordinal).FirstOrDefault();
        if (removedAndSet is not null)
            throw new CommandLineOverrideException($"--what-if: '{removedAndSet}' is both set and removed ('-{removedAndSet}')");
        return new CommandLineOverride(tokens);
    }

    /// <summary>The command line with these parameters applied.</summary>
    /// <param name="commandLine">The command line the boot would use (<c>--cmdline</c> or <c>/chosen/bootargs</c>).</param>
    /// <returns>The new command line: replaced parameters in place, new ones at the end, single blanks between.</returns>
    public string ApplyTo(string commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var names = _tokens.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var output = new List<string>();
        foreach (var raw in Split(commandLine, strict: false))
        {
            string name = NameOf(raw);
            if (!names.Contains(name))
            {
                output.Add(raw);
                continue;
            }
            if (placed.Add(name))
                output.AddRange(_tokens.Where(t => !t.Remove && t.Name == name).Select(t => t.Text));
        }
        output.AddRange(_tokens.Where(t => !t.Remove && !placed.Contains(t.Name)).Select(t => t.Text));
        return string.Join(' ', output);
    }

    /// <summary>One checked parameter.</summary>
    private sealed record Token(string Text, string Name, bool Remove);

    private static Token Check(string raw)
    {
        if (raw.StartsWith('-'))
        {
            string removed = raw[1..];
            if (removed.Length == 0 || removed.Contains('=', StringComparison.Ordinal))
                throw new CommandLineOverrideException($"--what-if '{raw}': '-NAME' removes a parameter and takes no value");
            return new Token(raw, removed, Remove: true);
        }
        string name = NameOf(raw);
        if (name.Length == 0)
            throw new CommandLineOverrideException($"--what-if '{raw}': no parameter name before '='");
        int eq = raw.IndexOf('=', StringComparison.Ordinal);
        string? value = eq < 0 ? null : raw[(eq + 1)..].Replace("\"", "", StringComparison.Ordinal);
        if (Array.IndexOf(MemoryParameters, name) >= 0)
        {
            if (string.IsNullOrEmpty(value))
                throw new CommandLineOverrideException($"--what-if '{raw}': {name}= needs a value ({Expected(name)})");
            if (!ValueIsWellFormed(name, value))
                throw new CommandLineOverrideException($"--what-if '{raw}': '{value}' is not a valid {name}= value (expected {Expected(name)})");
            try
            {
                KernelCommandLine.Parse(raw); // the simulation's own parser must take it too
            }
            catch (BootInputException e)
            {
                throw new CommandLineOverrideException($"--what-if '{raw}': {e.Message}");
            }
        }
        else
        {
            CheckKnown(name, raw);
        }
        return new Token(raw, name, Remove: false);
    }

    private static void CheckKnown(string name, string raw)
    {
        if (Array.IndexOf(MemoryParameters, name) < 0 && KernelCommandLine.Parse(name).Unknown.Count > 0)
            throw new CommandLineOverrideException(
                $"--what-if '{raw}': '{name}' is not a kernel parameter the simulation knows (memory parameters: mem=, cma=, crashkernel=, log_buf_len=, memblock=debug)");
    }

    private static string Expected(string name) => name switch
    {
        "mem" => "SIZE, e.g. mem=1G",
        "cma" => "SIZE[@BASE[:LIMIT]], e.g. cma=128M",
        "crashkernel" => "SIZE[@BASE], SIZE,high or SIZE,low, e.g. crashkernel=256M",
        "log_buf_len" => "SIZE, e.g. log_buf_len=4M",
        _ => "debug",
    };

    private static bool ValueIsWellFormed(string name, string value)
    {
        switch (name)
        {
            case "mem" or "log_buf_len":
                return IsSize(value);
            case "memblock":
                return value == "debug";
            case "cma":
            {
                var parts = value.Split('@');
                if (parts.Length > 2 || !IsSize(parts[0]))
                    return false;
                if (parts.Length == 1)
                    return true;
                var at = parts[1].Split(':');
                return at.Length <= 2 && at.All(IsSize);
            }
            default: // crashkernel
            {
                string size = value.EndsWith(",high", StringComparison.Ordinal) ? value[..^5]
                    : value.EndsWith(",low", StringComparison.Ordinal) ? value[..^4] : value;
                if (size.Length != value.Length)
                    return IsSize(size);
                var parts = value.Split('@');
                return parts.Length <= 2 && parts.All(IsSize);
            }
        }
    }

    /// <summary>A <c>memparse</c> number taken whole: decimal or 0x hex, an optional K/M/G/T/P/E suffix, and no overflow.</summary>
    private static bool IsSize(string text)
    {
        int i = 0;
        bool hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        if (hex)
            i = 2;
        int digits = i;
        while (i < text.Length && (hex ? char.IsAsciiHexDigit(text[i]) : char.IsAsciiDigit(text[i])))
            i++;
        if (i == digits)
            return false;
        if (!ulong.TryParse(text.AsSpan(digits, i - digits), hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out ulong n))
            return false;
        if (i == text.Length)
            return true;
        if (i != text.Length - 1)
            return false;
        int shift = char.ToUpperInvariant(text[i]) switch { 'K' => 10, 'M' => 20, 'G' => 30, 'T' => 40, 'P' => 50, 'E' => 60, _ => -1 };
        return shift >= 0 && (n << shift) >> shift == n;
    }

    /// <summary>The parameter's name: the text before '=', quotes removed.</summary>
    private static string NameOf(string raw)
    {
        int eq = raw.IndexOf('=', StringComparison.Ordinal);
        return (eq < 0 ? raw : raw[..eq]).Replace("\"", "", StringComparison.Ordinal);
    }

    /// <summary>Splits like the kernel: blanks separate, double quotes group (and are kept in the token's text).</summary>
    /// <param name="text">The parameters.</param>
    /// <param name="strict">Refuse an unterminated quote (the kernel itself lets it run to the end).</param>
    private static List<string> Split(string text, bool strict)
    {
        var tokens = new List<string>();
        var sb = new StringBuilder();
        bool quoted = false;
        foreach (char ch in text)
        {
            if (ch == '"')
                quoted = !quoted;
            if (!quoted && char.IsWhiteSpace(ch))
            {
                if (sb.Length > 0) { tokens.Add(sb.ToString()); sb.Clear(); }
                continue;
            }
            sb.Append(ch);
        }
        if (quoted && strict)
            throw new CommandLineOverrideException($"--what-if '{text}': unterminated double quote");
        if (sb.Length > 0)
            tokens.Add(sb.ToString());
        return tokens;
    }
}

/// <summary>A <c>--what-if</c> parameter list is malformed; the message names the token and what was expected.</summary>
public sealed class CommandLineOverrideException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the token.</param>
    public CommandLineOverrideException(string message) : base(message) { }
}
