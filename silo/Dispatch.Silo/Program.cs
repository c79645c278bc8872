using Dispatch.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

// The standalone silo: hosts the same grains as the embedded `dispatch run`, with grain state in a
// SQLite file. Settings come from appsettings.json, DISPATCH_ environment variables or the command
// line, e.g. `dispatch-silo --State data/silo.db --SiloPort 11111 --GatewayPort 30000`.
var builder = Host.CreateApplicationBuilder(args);
builder.Configuration.AddEnvironmentVariables("DISPATCH_");
var state = builder.Configuration["State"] ?? Path.Combine("data", "dispatch.db");
var siloPort = builder.Configuration.GetValue("SiloPort", 11111);
var gatewayPort = builder.Configuration.GetValue("GatewayPort", 30000);
builder.UseOrleans(silo => silo.UseDispatchEmbedded(state, siloPort, gatewayPort));
await builder.Build().RunAsync();
