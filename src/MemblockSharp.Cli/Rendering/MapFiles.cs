using System.CommandLine;
using MemblockSharp.Boot.Maps;

namespace MemblockSharp.Cli.Rendering;

/// <summary>The <c>--svg FILE</c> and <c>--html FILE</c> options of <c>boot</c> and <c>replay</c>: the memory map picture.</summary>
internal sealed class MapFileOptions
{
    private readonly Option<string?> _svg = new("--svg") { Description = "write the physical memory map as an SVG picture to FILE" };
    private readonly Option<string?> _html = new("--html") { Description = "write the physical memory map as a self-contained HTML page (the SVG with hover details and tables) to FILE" };

    /// <summary>Adds both options to <paramref name="command"/>.</summary>
    public static MapFileOptions AddTo(Command command)
    {
        var o = new MapFileOptions();
        command.Options.Add(o._svg);
        command.Options.Add(o._html);
        return o;
    }

    /// <summary>The files asked for on this command line.</summary>
    public MapFiles Get(ParseResult parse) => new(parse.GetValue(_svg), parse.GetValue(_html));
}

/// <summary>The map files to write (either may be null).</summary>
/// <param name="Svg">The SVG file, or null.</param>
/// <param name="Html">The HTML file, or null.</param>
internal sealed record MapFiles(string? Svg, string? Html)
{
    /// <summary>Builds the map (only when a file is asked for), renders every format first, then writes each file atomically.</summary>
    public void Write(Func<MemoryMap> build)
    {
        if (Svg is null && Html is null)
            return;
        var map = build();
        string? svg = Svg is null ? null : MemoryMapSvg.Render(map);
        string? html = Html is null ? null : MemoryMapHtml.Render(map);
        if (Svg is not null)
            AtomicFile.WriteAllText(Svg, svg!);
        if (Html is not null)
            AtomicFile.WriteAllText(Html, html!);
    }
}
