package dossier.cli;

import dossier.DossierException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dossier daemon status|stop|serve}: the resident JVM of {@link Daemon}. */
final class DaemonCommand implements Callable<Integer> {
  private final Main main;
  final CommandSpec spec;

  DaemonCommand(Main main) {
    this.main = main;
    spec = Cli.command(this, "daemon", "The daemon that src/bin/dossier and the pre-commit hook run commands in "
        + "(DOSSIER_DAEMON=off: none): status, stop, or serve (what they start, in the background).");
    spec.addPositional(Cli.positional(String.class, "ACTION", "1", "status, stop or serve."));
  }

  @Override
  public Integer call() throws IOException {
    String action = Cli.positional(spec, 0);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path jar = Daemon.jar();
    if (!action.equals("status") && !action.equals("stop") && !action.equals("serve")) {
      throw DossierException.usage("daemon: unknown action '" + action + "'; use status, stop or serve");
    }
    if (jar == null) {
      throw new DossierException("the daemon runs from dossier.jar only (build it: mvn -q -B package -DskipTests)");
    }
    Daemon.Place place = Daemon.Place.of(main.env, err);
    if (place == null) {
      return DossierException.WORK_FAILED;
    }
    if (action.equals("serve")) {
      return serve(place, jar);
    }
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    Integer exit = new Daemon.Client(place).run(action.equals("stop") ? Daemon.STOP : Daemon.STATUS, main.env,
        main.home, main.cwd, new String[0], StandardCharsets.UTF_8, StandardCharsets.UTF_8, false, text, text);
    if (exit == null) {
      out.println("no daemon is running for " + jar);
      out.flush();
      // status: 1, as a check that finds nothing; stop: there is nothing to stop, which is what was asked
      return action.equals("status") ? DossierException.WORK_FAILED : 0;
    }
    out.print(text.toString(StandardCharsets.UTF_8));
    out.flush();
    return exit;
  }

  private int serve(Daemon.Place place, Path jar) throws IOException {
    // Started from a terminal's hook, the daemon must outlive it; it exits when idle.
    sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sun.misc.SignalHandler.SIG_IGN);
    long idleMinutes = Long.getLong("dossier.daemon.idle", Daemon.DEFAULT_IDLE_MINUTES);
    PrintWriter log = new PrintWriter(System.out, true);
    Daemon.Server server = new Daemon.Server(place, idleMinutes * 60_000, () -> Daemon.keyOf(jar), log);
    server.serve(() -> Daemon.warmUp(2_000, log));
    return 0;
  }
}
