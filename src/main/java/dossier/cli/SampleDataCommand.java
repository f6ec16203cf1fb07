package dossier.cli;

import dossier.sample.SampleData;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "sample-data", mixinStandardHelpOptions = true,
    description = "Regenerate the committed sample sweeps (deterministic) under dossiers/data/.")
final class SampleDataCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Option(names = "--out", paramLabel = "DIR", description = "Folder to write to (default: dossiers/data).")
  Path out;

  @Override
  public Integer call() {
    Path dir = out != null ? out : main.project.resolve("dossiers").resolve("data");
    SampleData.writeAll(dir);
    spec.commandLine().getOut().println("wrote the sample sweeps to " + dir);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
