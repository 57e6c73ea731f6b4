// A prepare or afterStart step for app-runner.int.test.ts that fails.
process.stderr.write('the demo step failed\n');
process.exit(1);
