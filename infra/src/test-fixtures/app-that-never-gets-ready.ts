// An app for app-runner.int.test.ts that hangs during start-up: it runs, and never answers.
setInterval(() => undefined, 1_000);
