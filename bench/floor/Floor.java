import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.SimpleObjectWrapper;
import freemarker.template.Template;
import freemarker.template.TemplateExceptionHandler;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import org.apache.commons.statistics.distribution.TDistribution;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The floor under {@code dossier generate track6}: each library that a generate must use, used
 * once, about as a generate uses it, with none of dossier's own work (no analysis, no model, no
 * real template). picocli reads the command line; SnakeYAML composes the spec; the snapshot's
 * lines are split at commas; SHA-256 digests them; Commons Statistics gives four t-test p-values;
 * flexmark parses the readiness file and FreeMarker (configured as dossier's Renderer) fills a 25-row table, both
 * on their own threads as dossier does; the table is written through a temporary file.
 * {@code bench/run.sh -c floor} builds it against target/dossier.jar, with a class-data archive
 * of its own made as the build makes dossier's, and runs it with the launcher's JVM options.
 *
 * <p>{@code Floor --nothing} returns at once: the JVM with the archive mapped.
 */
public final class Floor {
  private Floor() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 1 && args[0].equals("--nothing")) {
      return;
    }
    // The properties dossier's Main sets for the same libraries.
    System.setProperty("org.freemarker.loggerLibrary", "none");
    System.setProperty("picocli.converters.excludes", "java\\.sql\\..*,java\\.time\\.(?!LocalDate$).*");
    FutureTask<Template> freemarker = start("floor-renderer", Floor::template);
    CommandSpec root = CommandSpec.create().name("dossier");
    root.addOption(OptionSpec.builder("-C", "--project").paramLabel("DIR").type(Path.class).defaultValue(".").build());
    CommandSpec generate = CommandSpec.create().name("generate");
    generate.addPositional(PositionalParamSpec.builder().paramLabel("TRACK").type(String.class).build());
    generate.addOption(OptionSpec.builder("-o", "--out").paramLabel("FILE").type(Path.class).build());
    generate.addOption(OptionSpec.builder("--db").paramLabel("URL").type(String.class).build());
    generate.addOption(OptionSpec.builder("-f", "--force").type(boolean.class).build());
    root.addSubcommand("generate", generate);
    CommandLine.ParseResult parsed = new CommandLine(root).parseArgs(args);
    String track = parsed.subcommand().matchedPositional(0).getValue();
    Path dossiers = Path.of("dossiers");
    FutureTask<Integer> readiness = start("floor-readiness", () -> headings(dossiers.resolve(track + "/mlops_readiness.md")));

    Node spec = compose(Files.readString(dossiers.resolve(track + ".yaml"), StandardCharsets.UTF_8));
    byte[] csv = Files.readAllBytes(dossiers.resolve("data/track6-focal-loss.csv"));
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(csv);
    // The snapshot's lines split at commas (it quotes nothing): dossier reads CSV with its own code.
    List<Map<String, String>> rows = new ArrayList<>();
    String[] lines = new String(csv, StandardCharsets.UTF_8).split("\n");
    List<String> header = List.of(lines[0].split(","));
    for (int i = 1; i < lines.length && rows.size() < 25; i++) {
      String[] r = lines[i].split(",", -1);
      rows.add(Map.of("crypto", r[header.indexOf("crypto")],
          "f1", String.valueOf(Double.parseDouble(r[header.indexOf("f1_buy")]))));
    }
    double p = 0;
    for (int v = 1; v <= 4; v++) {
      p += 2 * TDistribution.of(24).survivalProbability(0.5 * v);
    }
    StringWriter out = new StringWriter();
    freemarker.get().process(Map.of("rows", rows, "track", track), out);
    out.write("spec " + spec.getNodeId() + ", " + readiness.get() + " sections, digest " + digest.length + ", p " + p + "\n");
    Path target = Path.of("floor-" + track + ".md");
    Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".floor-", ".tmp");
    Files.writeString(tmp, out.toString(), StandardCharsets.UTF_8);
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static <T> FutureTask<T> start(String name, Callable<T> work) {
    FutureTask<T> task = new FutureTask<>(work);
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    t.start();
    return task;
  }

  private static Template template() throws Exception {
    Configuration c = new Configuration(Configuration.VERSION_2_3_34);
    c.setDefaultEncoding("UTF-8");
    c.setLocale(Locale.ROOT);
    c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    c.setLogTemplateExceptions(false);
    c.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    c.setAPIBuiltinEnabled(false);
    c.setObjectWrapper(new SimpleObjectWrapper(Configuration.VERSION_2_3_34));
    return new Template("floor.md.ftl", "# ${track}\n\n| crypto | f1_buy |\n|---|---:|\n"
        + "<#list rows as r>| ${r.crypto} | ${r.f1} |\n</#list>", c);
  }

  private static int headings(Path readiness) throws Exception {
    com.vladsch.flexmark.util.ast.Node doc = com.vladsch.flexmark.parser.Parser.builder().build()
        .parse(Files.readString(readiness, StandardCharsets.UTF_8));
    int n = 0;
    for (com.vladsch.flexmark.util.ast.Node h = doc.getFirstChild(); h != null; h = h.getNext()) {
      if (h instanceof com.vladsch.flexmark.ast.Heading heading && heading.getLevel() == 2) {
        n++;
      }
    }
    return n;
  }

  private static Node compose(String text) {
    LoaderOptions options = new LoaderOptions();
    return new Composer(new ParserImpl(new StreamReader(new StringReader(text)), options), new Resolver(), options)
        .getSingleNode();
  }
}
