package dossier.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** PlainYaml against SnakeYAML's own safe loading, with its numbers as doubles. */
class PlainYamlTest {
  private static Object numbersAsDoubles(Object o) {
    if (o instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), numbersAsDoubles(v)));
      return out;
    }
    if (o instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(numbersAsDoubles(v)));
      return out;
    }
    return o instanceof Number n ? (Object) n.doubleValue() : o;
  }

  private static Object snakeYaml(String text) {
    return numbersAsDoubles(new Yaml(new SafeConstructor(new LoaderOptions())).load(text));
  }

  @Test
  void theShippedPlanReadsAsSnakeYamlLoadsIt() throws IOException {
    String text;
    try (InputStream in = PlainYamlTest.class.getResourceAsStream("/plans/f1_buy_boost_plan.yaml")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(snakeYaml(text), PlainYaml.read(text, "plan"));
  }

  @Test
  void scalarsNestingAndOrder() {
    String text = "b: 1\na: -0.5e-3\nlist: [x, 2, {k: v}]\nq: \"7\"\nnested:\n  y: .5\n  t: true\n";
    Map<String, Object> plain = PlainYaml.read(text, "t.yaml");
    assertEquals(List.of("b", "a", "list", "q", "nested"), List.copyOf(plain.keySet()));
    assertEquals(-0.5e-3, plain.get("a"));
    assertEquals("7", plain.get("q"), "a quoted number is a string");
    assertEquals(Map.of("y", 0.5, "t", "true"), plain.get("nested"), "other scalars are their text");
    // Forms SnakeYAML resolves as numbers but Double.valueOf does not read are refused, not misread.
    assertThrows(NumberFormatException.class, () -> PlainYaml.read("n: 1_000\n", "t.yaml"));
    assertEquals(snakeYaml("b: 1\na: -0.5e-3\nlist: [x, 2, {k: v}]\nq: \"7\"\n"),
        PlainYaml.read("b: 1\na: -0.5e-3\nlist: [x, 2, {k: v}]\nq: \"7\"\n", "t.yaml"));
  }

  @Test
  void duplicateKeysAndNonMappingsAreRefused() {
    assertThrows(IllegalStateException.class, () -> PlainYaml.read("a: 1\na: 2\n", "t.yaml"));
    assertThrows(IllegalStateException.class, () -> PlainYaml.read("- a\n", "t.yaml"));
    assertThrows(IllegalStateException.class, () -> PlainYaml.read("", "t.yaml"));
  }
}
