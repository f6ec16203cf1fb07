package dossier.cli;

import dossier.DossierException;
import dossier.render.AtomicFile;
import dossier.render.Blocks;
import dossier.spec.SpecLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hook}, which only groups its two subcommands. */
@Command(name = "hook", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "The git pre-commit hook that keeps committed dossiers current.",
    subcommands = {HookCommand.Install.class, HookCommand.Run.class})
final class HookCommand {
  /** The line that marks a hook as ours, so that install never replaces someone else's. */
  static final String SIGNATURE = "# Installed by `dossier hook install`";

  @ParentCommand private Main main;

  @Command(name = "install", mixinStandardHelpOptions = true, versionProvider = Version.class,
      description = "Write .git/hooks/pre-commit to refresh the numbers of staged dossiers on commit.")
  static final class Install implements Callable<Integer> {
    @ParentCommand private HookCommand hook;
    @Spec private CommandSpec spec;

    @Option(names = "--force", description = "Replace an existing pre-commit hook that is not dossier's "
        + "(it is kept as pre-commit.before-dossier).")
    private boolean force;

    @Override
    public Integer call() throws IOException {
      Main main = hook.main;
      Git git = new Git(main.project, main.env);
      Path hooks = git.hooksDir();
      Path target = hooks.resolve("pre-commit");
      if (Files.exists(target)) {
        String existing = Files.readString(target, StandardCharsets.UTF_8);
        if (!existing.contains(SIGNATURE)) {
          if (!force) {
            throw new DossierException(target + " exists and is not dossier's; keep it, or pass --force to "
                + "replace it (it will be kept as pre-commit.before-dossier)");
          }
          Files.copy(target, hooks.resolve("pre-commit.before-dossier"),
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
      // Executable from its creation: no chmod by path after, which would follow a link put there.
      // (git for Windows runs hooks without the executable bit.)
      AtomicFile.write(target, script(git.topLevel()), PosixFilePermissions.fromString("rwxr-xr-x"));
      spec.commandLine().getOut().println("installed " + target.normalize());
      spec.commandLine().getOut().flush();
      return 0;
    }

    /**
     * The hook runs this very tool: the launcher that ran {@code install} when there is one (it
     * passes its path as {@code dossier.launcher}), else the same Java and class path. It runs on
     * the project {@code install} was given, relative to the repository's top level, so that a
     * project in a subfolder and a moved clone both work. A tool that is gone since is one line
     * that says how to fix it, and the commit does not go through.
     */
    String script(Path top) {
      Path project = hook.main.project;
      try {
        project = project.toRealPath();
        top = top.toRealPath();
      } catch (IOException e) {
        // the git top level and the project exist: git has just answered from there
      }
      String sub = top.relativize(project).toString().replace('\\', '/');
      StringBuilder s = new StringBuilder("#!/bin/sh\n")
          .append(SIGNATURE).append(": refreshes the numbers of staged dossiers.\n")
          .append("# Remove this file to stop it; `dossier hook install` writes it again.\n")
          .append("# A commit that stages no dossier, spec, snapshot, readiness file or query (.md, .yaml, .yml,\n")
          .append("# .csv, .sql)\n")
          .append("# never starts the JVM. Names end in NUL (-z): git would quote a name with other than ASCII\n")
          .append("# in it, and \"...\\303\\251.md\" ends in a quote.\n")
          .append("git diff --cached --name-only -z --diff-filter=ACMR | tr '\\000' '\\n'"
              + " | grep -qE '\\.(md|ya?ml|csv|sql)$' || exit 0\n")
          .append("project=\"$(git rev-parse --show-toplevel)\"").append(sub.isEmpty() ? "" : "/" + quote(sub))
          .append('\n');
      String launcher = System.getProperty("dossier.launcher");
      if (launcher != null && !launcher.isEmpty()) {
        return s.append("dossier=").append(quote(launcher)).append('\n')
            .append("if [ ! -x \"$dossier\" ]; then\n")
            .append("  echo \"dossier: the pre-commit hook cannot run $dossier (moved or removed?); install dossier"
                + " again and run 'dossier hook install'\" >&2\n")
            .append("  exit 1\n")
            .append("fi\n")
            .append("exec \"$dossier\" -C \"$project\" hook run\n").toString();
      }
      String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String classPath = System.getProperty("java.class.path");
      String first = classPath.split(java.io.File.pathSeparator, -1)[0];
      return s.append("java=").append(quote(javaBin)).append('\n')
          .append("cp=").append(quote(classPath)).append('\n')
          .append("if [ ! -x \"$java\" ] || [ ! -e ").append(quote(first)).append(" ]; then\n")
          .append("  echo \"dossier: the pre-commit hook cannot run dossier from $cp with $java (moved or removed?);"
              + " build or install dossier again and run 'dossier hook install'\" >&2\n")
          .append("  exit 1\n")
          .append("fi\n")
          .append("exec \"$java\" -cp \"$cp\" ").append(Main.class.getName())
          .append(" -C \"$project\" hook run\n").toString();
    }

    static String quote(String s) {
      return "'" + s.replace("'", "'\\''") + "'";
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Version.class,
      description = "What the pre-commit hook runs: refresh the staged dossiers, and those whose spec, snapshot, "
          + "readiness file or query is staged; exit 1 when one had stale numbers, so that they are reviewed and staged "
          + "again, or when a file one is computed from has changes that are not staged or is not in git.")
  static final class Run implements Callable<Integer> {
    @ParentCommand private HookCommand hook;
    @Spec private CommandSpec spec;
    @Mixin private SourceOptions source;

    @Override
    public Integer call() {
      Main main = hook.main;
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Git git = new Git(main.project, main.env);
      Path top = git.topLevel();
      // The staged text of each dossier to check: what gets committed (the working file may hold more).
      // Those staged, and those one of whose inputs (spec, snapshot, readiness file, query) is staged.
      Map<String, String> dossiers = new TreeMap<>();
      List<String> staged = git.staged();
      for (String path : staged) {
        if (path.endsWith(".md")) {
          String text = git.stagedText(path);
          if (text.startsWith("<!-- dossier:spec ")) {
            dossiers.put(path, text);
          }
        }
      }
      Set<Path> inputs = new HashSet<>();
      staged.stream().filter(p -> !dossiers.containsKey(p)).forEach(p -> inputs.add(DossierInputs.real(top.resolve(p))));
      DossierInputs of = new DossierInputs(main.project);
      if (!inputs.isEmpty() && Files.isDirectory(main.project.resolve(SpecLoader.DOSSIERS))) {
        Path realTop = DossierInputs.real(top);
        for (Path file : new Refresher(main, source, err).files(List.of())) {
          String path = realTop.relativize(DossierInputs.real(file)).toString().replace('\\', '/');
          if (!dossiers.containsKey(path) && of.dependsOn(file, inputs) && git.tracked(path)) {
            String text = git.stagedText(path);
            if (text.startsWith("<!-- dossier:spec ")) {
              dossiers.put(path, text);
            }
          }
        }
      }
      if (dossiers.isEmpty()) {
        return 0; // a commit that touches no dossier, nor what one is computed from, is none of our business
      }
      SourceOptions rows = reachable(source, err);
      String uncommitted = uncommittedInput(of, git, top, dossiers, rows.database(main));
      if (uncommitted != null) {
        err.println("dossier: " + uncommitted);
        err.flush();
        return DossierException.WORK_FAILED;
      }
      Refresher refresher = new Refresher(main, rows, err, CheckCommand.REFRESH_FORCE);
      List<String> refreshed = new ArrayList<>();
      for (String path : dossiers.keySet()) {
        Path file = top.resolve(path);
        // Stale as staged: refresh the working file, keeping the edits it holds beyond the index.
        if (refresher.compute(file, dossiers.get(path)).stale()) {
          Refresher.Outcome o = refresher.refresh(file);
          refreshed.add(path);
          Path dir = Path.of(path).getParent();
          o.staleFigures().forEach(f -> refreshed.add(dir == null ? f : dir.resolve(f).toString()));
        }
      }
      if (refreshed.isEmpty()) {
        return 0;
      }
      err.println("dossier: the numbers of dossiers were stale for what is staged and have been refreshed in the working"
          + " tree; review these files, stage them (git add), and commit again:");
      refreshed.forEach(p -> err.println("  " + p));
      err.flush();
      out.flush();
      return DossierException.WORK_FAILED;
    }

    /**
     * Why the dossiers cannot be checked against what the commit holds, or null. Their numbers are
     * computed from the working copies of the files their specs name (the spec, the readiness file,
     * and the snapshot or, with a database, the query): one of them with changes that are not staged,
     * or not in git at all (and not ignored), would check a staged dossier against inputs that are not
     * being committed.
     */
    private static String uncommittedInput(DossierInputs of, Git git, Path top, Map<String, String> dossiers,
        boolean database) {
      Path realTop = DossierInputs.real(top);
      // Each dossier with the inputs it is read from, relative to the top level (outside the repository,
      // or missing: what the computation says of it is enough).
      Map<String, List<String>> inputs = new TreeMap<>();
      dossiers.forEach((dossier, text) -> Blocks.firstLineSpec(text).ifPresent(spec -> {
        for (Path input : of.of(spec).read(database)) {
          if (input.startsWith(realTop) && Files.exists(input)) {
            inputs.computeIfAbsent(dossier, k -> new ArrayList<>())
                .add(realTop.relativize(input).toString().replace('\\', '/'));
          }
        }
      }));
      // Untracked and ignored is not reported: a file the team keeps out of git on purpose (large rows, say).
      Map<String, String> status = git.status(inputs.values().stream().flatMap(List::stream).distinct().toList());
      for (Map.Entry<String, List<String>> e : inputs.entrySet()) {
        for (String path : e.getValue()) {
          String code = status.getOrDefault(path, "  ");
          if (code.equals("??")) {
            return path + " is not in git, and " + e.getKey() + " is computed from it: add it (git add), then commit"
                + " again";
          }
          if (code.charAt(1) != ' ') {
            return path + " has changes that are not staged, and " + e.getKey() + " is checked against what is"
                + " staged: stage them (git add, or name the file in git commit) or set them aside"
                + " (git stash --keep-index), then commit again";
          }
        }
      }
      return null;
    }

    /**
     * The configured database, or the snapshot when the database cannot be reached: a hook that
     * blocks every commit while a server is down gets uninstalled.
     */
    private SourceOptions reachable(SourceOptions source, PrintWriter err) {
      Main main = hook.main;
      if (!source.database(main)) {
        return source;
      }
      try {
        dossier.source.DatabaseSource.ping(dossier.source.PgSettings.resolve(
            Optional.ofNullable(source.db), main.env, main.home, err::println));
        return source;
      } catch (DossierException e) {
        err.println("dossier: " + e.getMessage() + "; the hook uses the committed snapshots instead");
        return source.withSnapshot(true);
      }
    }
  }
}
