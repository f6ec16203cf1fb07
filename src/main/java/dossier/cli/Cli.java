package dossier.cli;

import java.util.List;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Picocli's model of the commands, written in code with its programmatic API rather than read from
 * annotations. Reading annotations was half of picocli's start-up, about 50 ms of every run: the
 * JDK parses each annotation type and spins a proxy class for it, on every run (no class-data
 * archive of JDK 17 keeps those), before picocli reflects over every field and method of each
 * command. The commands are still {@code Callable<Integer>}s that print through their command
 * line's writers; each declares its options in its constructor and reads their values in {@code
 * call()}.
 */
final class Cli {
  private Cli() {}

  private static final Version VERSION = new Version();

  /** A command with its usage description and the standard {@code -h/--help} and {@code -V/--version}. */
  static CommandSpec command(Object command, String name, String... description) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(name);
    spec.usageMessage().description(description);
    // Every command, not only the top one: picocli asks the command that -V was given to, and a
    // command without a provider prints nothing (`dossier generate --version` did).
    spec.versionProvider(VERSION);
    // What picocli's mixinStandardHelpOptions adds, except that the mixin is itself read from annotations.
    spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
        .description("Show this help message and exit.").build());
    spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
        .description("Print version information and exit.").build());
    return spec;
  }

  /** An option that takes a value of {@code type}, shown as {@code label}. */
  static OptionSpec.Builder option(Class<?> type, String label, String description, String... names) {
    return OptionSpec.builder(names).type(type).paramLabel(label).description(description);
  }

  /** An option without a value ({@code --force}; {@code --force=false} is accepted too, as picocli does for a boolean). */
  static OptionSpec flag(String description, String... names) {
    // No explicit arity: picocli's default for a boolean ("0", unspecified) also takes an attached =true/=false.
    return OptionSpec.builder(names).type(boolean.class).description(description).build();
  }

  /** A positional parameter: {@code arity} "1" for one that must be given, "0..1" for an optional one. */
  static PositionalParamSpec positional(Class<?> type, String label, String arity, String description) {
    // Picocli derives "required" from the arity for annotated parameters only.
    return PositionalParamSpec.builder().type(type).paramLabel(label).arity(arity).required(!arity.startsWith("0"))
        .description(description).build();
  }

  /** Positional parameters: a list of {@code element}, any number of them. */
  static PositionalParamSpec positionals(Class<?> element, String label, String description) {
    return PositionalParamSpec.builder().type(List.class).auxiliaryTypes(element).paramLabel(label).arity("0..*")
        .description(description).build();
  }

  /** The value of option {@code name} after parsing: what was given, its default, or null. */
  static <T> T value(CommandSpec spec, String name) {
    return value(spec.findOption(name));
  }

  /** Whether flag {@code name} was given. */
  static boolean given(CommandSpec spec, String name) {
    return Boolean.TRUE.equals(value(spec, name));
  }

  /** The value of positional parameter {@code index}, or null. */
  static <T> T positional(CommandSpec spec, int index) {
    return value(spec.positionalParameters().get(index));
  }

  /** The values of a list of positional parameters; empty when none was given. */
  static <T> List<T> positionals(CommandSpec spec, int index) {
    List<T> values = value(spec.positionalParameters().get(index));
    return values == null ? List.of() : List.copyOf(values);
  }

  @SuppressWarnings("unchecked")
  private static <T> T value(ArgSpec arg) {
    if (arg == null) {
      throw new IllegalArgumentException("no such option"); // a name mistyped in the code, not by a user
    }
    return (T) arg.getValue();
  }
}
