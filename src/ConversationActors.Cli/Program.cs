return await ConversationActors.Cli.ConvCtl.RunAsync(args);
