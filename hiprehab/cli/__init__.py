"""The command-line subcommands (check, history); never imports Qt or the ui wing."""
