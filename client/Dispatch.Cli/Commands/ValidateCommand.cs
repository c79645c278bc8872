using System.CommandLine;
using Spectre.Console;

namespace Dispatch.Cli.Commands;

/// <summary>
/// <c>validate &lt;scenario&gt; [--overlay FILE] [--set PATH=VALUE]</c>: checks a scenario file (and its GeoJSON zones file, and overlays) and lists every
/// problem with its location: errors first, then warnings (suspicious but runnable). Exit code 0
/// when the scenario can run (even with warnings), 2 when it has errors.
/// </summary>
public static class ValidateCommand
{
    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario file (JSON)." };
        var overlayOptions = new OverlayOptions();
        var command = new Command("validate", "Check a scenario file (with any overlays applied) and list every problem with its location (errors, then warnings).") { scenario };
        overlayOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(scenario)!;
            var overlays = OverlayOptions.Read(parse, error, overlayOptions);
            var loaded = overlays is null ? null : await ScenarioInput.LoadAsync(path, error, cancellationToken, overlays: overlays, json: false);
            if (loaded is null)
            {
                return ExitCodes.InvalidInput;
            }
            var s = loaded.Value.Scenario;
            console.MarkupLine($"[green]valid[/]: {Markup.Escape(path + OverlayOptions.Describe(overlays!))}: '{Markup.Escape(s.Name)}', {s.Zones.Count} zones, {s.Units.Count} units, {s.IncidentTypes.Count} incident types, {s.Stations.Count} stations");
            return ExitCodes.Success;
        });
        return command;
    }
}
