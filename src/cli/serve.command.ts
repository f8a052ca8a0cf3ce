import { startService } from "../main.ts";
import { EXIT_OK, UsageError, type CliCommand } from "./command.ts";

export const serveCommand: CliCommand = {
  name: "serve",
  usage: "serve",
  summary: "run the service: HTTP (/healthz, /slack/events, /api/messages) and the scheduler",
  async run(args, { config, io }) {
    if (args.length > 0) throw new UsageError(`serve takes no arguments (got "${args.join(" ")}")`);
    const service = await startService(config);
    io.out(`Keypost is running at ${service.url}  (health: ${service.url}/healthz)`);
    io.out("  Slack and Teams: not connected yet — notices go to this log; try the bot with `npx keypost chat --as <employee code>`.");
    io.out("  Stop with Ctrl-C.");
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    await service.close();
    return EXIT_OK;
  },
};
