package dossier.spec;

import dossier.DossierException;
import dossier.Excerpt;
import dossier.Utf8;
import dossier.render.Blocks;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Typed reading of a YAML document that keeps the line of every value, so an error says
 * {@code dossiers/track6.yaml:12: …}. Only the node graph is used (no object construction), so
 * a spec cannot instantiate anything.
 */
final class YamlReader {
  private final String file;

  private YamlReader(String file) {
    this.file = file;
  }

  // A spec that is not valid YAML is a spec used wrongly: exit code 2, like any other spec error.
  static Obj load(Path path, String displayName) {
    YamlReader reader = new YamlReader(displayName);
    String text;
    try {
      text = Utf8.decode(Files.readAllBytes(path));
    } catch (NoSuchFileException e) {
      throw new DossierException(displayName + ": not found");
    } catch (Utf8.Malformed e) {
      throw DossierException.usage(displayName + ":" + e.line() + ": not UTF-8 text; save the spec as UTF-8");
    } catch (IOException e) {
      throw new DossierException(displayName + ": cannot read: " + e.getMessage(), e);
    }
    Node root;
    try {
      root = compose(text);
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
      // A syntax error is most often an indentation slip or an unquoted ": " or " #" in a value.
      boolean syntax = e instanceof org.yaml.snakeyaml.scanner.ScannerException
          || e instanceof org.yaml.snakeyaml.parser.ParserException;
      throw DossierException.usage(String.format(Locale.ROOT, "%s:%d: not valid YAML: %s%s", displayName, line,
          oneLine(e.getProblem()), syntax ? "; check the indentation, and quote a value that holds ': ' or ' #'" : ""));
    } catch (YAMLException e) {
      throw DossierException.usage(displayName + ": not valid YAML: " + oneLine(e.getMessage()));
    } catch (RuntimeException e) {
      // SnakeYAML lets a few bad inputs through as other exceptions, e.g. "\UFFFFFFFF" in a quoted
      // string gives a NumberFormatException; the spec is still what is wrong.
      throw DossierException.usage(displayName + ": not valid YAML: SnakeYAML failed with " + oneLine(e.toString()));
    }
    if (root == null) {
      throw DossierException.usage(displayName + ":1: empty spec");
    }
    reader.checkTexts(root, "the spec", java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    return reader.obj(root, "the spec");
  }

  /**
   * Refuses, in every key and value under {@code node}, text that would break a dossier's markers
   * once rendered: a marker comment ({@code <!-- dossier:end tldr -->}), which would end or start a
   * generated block, and a comment, fence or HTML block left open, which would swallow the markers
   * after it. Such a dossier passed {@code check} once, then failed every later run.
   *
   * @param key the key the values belong to, for the message
   * @param seen nodes already checked: an alias may point back at its own ancestor
   */
  private void checkTexts(Node node, String key, Set<Node> seen) {
    if (!seen.add(node)) {
      return;
    }
    if (node instanceof MappingNode map) {
      for (NodeTuple t : map.getValue()) {
        checkTexts(t.getKeyNode(), "a key", seen);
        checkTexts(t.getValueNode(), t.getKeyNode() instanceof ScalarNode s ? "'" + s.getValue() + "'" : key, seen);
      }
    } else if (node instanceof SequenceNode seq) {
      seq.getValue().forEach(item -> checkTexts(item, key, seen));
    } else if (node instanceof ScalarNode s) {
      Optional<String> marker = Blocks.markerComment(s.getValue());
      if (marker.isPresent()) {
        throw error(node, String.format(Locale.ROOT, "%s holds a marker comment, %s; dossier writes those to mark"
            + " its generated blocks, and one in a spec would end or start a block: remove it (or write the"
            + " comment without 'dossier:')", key, shortened(marker.get())));
      }
      if (Blocks.leavesOpen(s.getValue())) {
        throw error(node, key + " leaves a comment (<!--), a code fence (```) or an HTML block (<pre>, <script>…)"
            + " open, which would take in the rest of the dossier, markers included: close it within the value");
      }
    }
  }

  /** At most a line's worth of {@code text}, on one line. */
  private static String shortened(String text) {
    String line = oneLine(text);
    return line.length() <= 60 ? line : line.substring(0, 57) + "...";
  }

  /** The node graph of a YAML document; null when it is empty. */
  static Node compose(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false); // only read by a constructor; obj() checks duplicates itself
    options.setMaxAliasesForCollections(10);
    options.setCodePointLimit(1 << 20);
    // What Yaml.compose does, without building the Yaml object's Java-bean constructor and
    // representer, which nothing here uses (a tenth of a small run's spec loading).
    return new Composer(new ParserImpl(new StreamReader(new StringReader(text)), options), new Resolver(), options)
        .getSingleNode();
  }

  /** SnakeYAML quotes the character it stopped at as it is, a line break included: escape it. */
  static String oneLine(String message) {
    if (message == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(message.length());
    message.codePoints().forEach(c -> {
      if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || c == 0xFEFF) {
        out.append(c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t"
            : String.format(Locale.ROOT, "\\u%04X", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }



  DossierException error(Node node, String message) {
    return DossierException.usage(String.format(Locale.ROOT, "%s:%d: %s", file, line(node), message));
  }

  static int line(Node node) {
    return node.getStartMark().getLine() + 1;
  }

  Obj obj(Node node, String what) {
    if (!(node instanceof MappingNode map)) {
      throw error(node, what + " must be a mapping of keys to values");
    }
    Map<String, NodeTuple> entries = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      NodeTuple first = entries.putIfAbsent(scalarText(t.getKeyNode(), "a key"), t);
      if (first != null) {
        // compose() builds no objects, so SnakeYAML's own duplicate-key check never runs.
        throw error(t.getKeyNode(), String.format(Locale.ROOT, "duplicate key '%s' (first on line %d); keep one",
            Excerpt.of(((ScalarNode) t.getKeyNode()).getValue()), line(first.getKeyNode())));
      }
    }
    return new Obj(this, map, entries);
  }

  String scalarText(Node node, String what) {
    if (!(node instanceof ScalarNode s)) {
      throw error(node, what + " must be a single value, not a list or mapping");
    }
    return s.getValue();
  }

  /** A YAML mapping; {@link #check} rejects keys the schema does not know. */
  static final class Obj {
    private final YamlReader reader;
    private final MappingNode node;
    private final Map<String, NodeTuple> entries;

    Obj(YamlReader reader, MappingNode node, Map<String, NodeTuple> entries) {
      this.reader = reader;
      this.node = node;
      this.entries = entries;
    }

    int line() {
      return YamlReader.line(node);
    }

    String file() {
      return reader.file;
    }

    Obj check(Set<String> known) {
      for (NodeTuple t : entries.values()) {
        String key = ((ScalarNode) t.getKeyNode()).getValue();
        if (!known.contains(key)) {
          throw reader.error(t.getKeyNode(), "unknown key '" + Excerpt.of(key) + "' (known: "
              + String.join(", ", known.stream().sorted().toList()) + ")");
        }
      }
      return this;
    }

    List<String> keys() {
      return List.copyOf(entries.keySet());
    }

    boolean has(String key) {
      return entries.containsKey(key);
    }

    Node node(String key) {
      NodeTuple t = entries.get(key);
      if (t == null) {
        throw reader.error(node, "missing key '" + key + "'");
      }
      return t.getValueNode();
    }

    int lineOf(String key) {
      return YamlReader.line(node(key));
    }

    String string(String key) {
      String value = reader.scalarText(node(key), "'" + key + "'").strip();
      if (value.isEmpty()) {
        throw reader.error(node(key), "'" + key + "' is empty");
      }
      return value;
    }

    Optional<String> optionalString(String key) {
      return has(key) ? Optional.of(string(key)) : Optional.empty();
    }

    /** Markdown text written by a person: kept exactly, only the final line break trimmed. */
    String text(String key, String fallback) {
      if (!has(key)) {
        return fallback;
      }
      String value = reader.scalarText(node(key), "'" + key + "'");
      return value.stripTrailing();
    }

    long integer(String key, long min, long max) {
      String value = string(key);
      long parsed;
      try {
        parsed = Long.parseLong(value.replace("_", ""));
      } catch (NumberFormatException e) {
        throw reader.error(node(key), "'" + key + "' must be a whole number, not '" + Excerpt.of(value) + "'");
      }
      if (parsed < min || parsed > max) {
        throw reader.error(node(key), String.format(Locale.ROOT, "'%s' must be between %d and %d, not %s",
            key, min, max, Excerpt.of(value)));
      }
      return parsed;
    }

    boolean bool(String key) {
      String value = string(key);
      return switch (value) {
        case "true" -> true;
        case "false" -> false;
        default -> throw reader.error(node(key), "'" + key + "' must be true or false, not '" + Excerpt.of(value)
            + "'");
      };
    }

    double decimal(String key, double min, double max) {
      String value = string(key);
      double parsed;
      try {
        parsed = Double.parseDouble(value);
      } catch (NumberFormatException e) {
        throw reader.error(node(key), "'" + key + "' must be a number, not '" + Excerpt.of(value) + "'");
      }
      if (!(parsed >= min && parsed <= max)) {
        throw reader.error(node(key), String.format(Locale.ROOT, "'%s' must be between %s and %s, not %s",
            key, min, max, Excerpt.of(value)));
      }
      return parsed;
    }

    Obj obj(String key) {
      return reader.obj(node(key), "'" + key + "'");
    }

    /** The items of a sequence under {@code key}. */
    List<Node> list(String key) {
      Node value = node(key);
      if (!(value instanceof SequenceNode seq)) {
        throw reader.error(value, "'" + key + "' must be a list: [a, b], or one '- item' per line");
      }
      return seq.getValue();
    }

    List<Obj> objects(String key) {
      List<Obj> out = new ArrayList<>();
      for (Node n : list(key)) {
        out.add(reader.obj(n, "an item of '" + key + "'"));
      }
      return out;
    }

    List<Located> strings(String key) {
      List<Located> out = new ArrayList<>();
      for (Node n : list(key)) {
        String value = reader.scalarText(n, "an item of '" + key + "'").strip();
        if (value.isEmpty()) {
          throw reader.error(n, "an item of '" + key + "' is empty");
        }
        out.add(new Located(value, YamlReader.line(n)));
      }
      return out;
    }

    /** An ordered mapping of short texts, e.g. the metadata lines of a dossier. */
    List<KeyValue> pairs(String key) {
      Obj map = obj(key);
      List<KeyValue> out = new ArrayList<>();
      for (String k : map.keys()) {
        out.add(new KeyValue(k, map.text(k, "")));
      }
      return out;
    }

    DossierException error(String key, String message) {
      return reader.error(has(key) ? node(key) : node, message);
    }
  }
}
