using Maatwerk.OpenData.Deploy;

return await DeployCommand.RunAsync(args, Environment.GetEnvironmentVariable, Console.Out, Console.Error, CancellationToken.None);
