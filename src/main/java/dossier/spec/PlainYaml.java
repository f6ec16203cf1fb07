package dossier.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML file that ships in the jar (the gate plan) read as plain maps, lists, strings and
 * numbers, from the same node graph as a spec: SnakeYAML's object constructor, and the
 * java.util.logging set-up that comes with it, is never loaded.
 */
public final class PlainYaml {
  private PlainYaml() {}

  /** The document's top-level mapping; numbers (YAML int and float) as Double, other scalars as String. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> read(String text, String name) {
    Object root = plain(YamlReader.compose(text), name);
    if (!(root instanceof Map<?, ?>)) {
      throw new IllegalStateException(name + ": not a mapping");
    }
    return (Map<String, Object>) root;
  }

  private static Object plain(Node node, String name) {
    if (node instanceof MappingNode map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (NodeTuple t : map.getValue()) {
        if (out.put(String.valueOf(plain(t.getKeyNode(), name)), plain(t.getValueNode(), name)) != null) {
          throw new IllegalStateException(name + ":" + YamlReader.line(t.getKeyNode()) + ": duplicate key");
        }
      }
      return out;
    }
    if (node instanceof SequenceNode seq) {
      List<Object> out = new ArrayList<>();
      for (Node item : seq.getValue()) {
        out.add(plain(item, name));
      }
      return out;
    }
    if (node instanceof ScalarNode s) {
      Tag tag = s.getTag();
      return tag.equals(Tag.INT) || tag.equals(Tag.FLOAT) ? Double.valueOf(s.getValue()) : s.getValue();
    }
    throw new IllegalStateException(name + ": " + (node == null ? "empty" : "unexpected node " + node.getNodeId()));
  }
}
