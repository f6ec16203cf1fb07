package dossier.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void scalars() {
    assertEquals("null\n", Json.write(null));
    assertEquals("true\n", Json.write(true));
    assertEquals("42\n", Json.write(42));
    assertEquals("-9000000000\n", Json.write(-9_000_000_000L));
    assertEquals("0.5\n", Json.write(0.5));
    assertEquals("-0.0697\n", Json.write(-0.0697));
    assertEquals("6.1E-8\n", Json.write(6.1e-8)); // a valid JSON number
  }

  @Test
  void nonFiniteNumbersAreNull() {
    assertEquals("null\n", Json.write(Double.NaN));
    assertEquals("null\n", Json.write(Double.POSITIVE_INFINITY));
    assertEquals("[\n  null,\n  null,\n  1.0\n]\n", Json.write(List.of(Double.NaN, Double.NEGATIVE_INFINITY, 1.0)));
  }

  @Test
  void stringsAreEscaped() {
    assertEquals("\"a\\\"b\\\\c\"\n", Json.write("a\"b\\c"));
    assertEquals("\"l1\\nl2\\r\\tx\"\n", Json.write("l1\nl2\r\tx"));
    assertEquals("\"\\u0000\\u001f\\u0008\"\n", Json.write("\u0000\u001f\b"));
    assertEquals("\"γ=0 ✅ </script> / \u007f\"\n", Json.write("γ=0 ✅ </script> / \u007f"));
  }

  @Test
  void keysAreEscapedToo() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("a\"b\n", 1);
    assertEquals("{\n  \"a\\\"b\\n\": 1\n}\n", Json.write(map));
  }

  @Test
  void nestedValuesKeepTheirOrder() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("z", 1);
    inner.put("a", List.of("x", "y"));
    Map<String, Object> outer = new LinkedHashMap<>();
    outer.put("track", "6");
    outer.put("branches", List.of(inner, Map.of()));
    outer.put("b", null);
    assertEquals("""
        {
          "track": "6",
          "branches": [
            {
              "z": 1,
              "a": [
                "x",
                "y"
              ]
            },
            {}
          ],
          "b": null
        }
        """, Json.write(outer));
  }

  @Test
  void emptyMapAndList() {
    assertEquals("{}\n", Json.write(Map.of()));
    assertEquals("[]\n", Json.write(List.of()));
    assertEquals("[\n  [],\n  {}\n]\n", Json.write(List.of(List.of(), Map.of())));
  }

  @Test
  void nullsInsideAListAreKept() {
    assertEquals("[\n  null,\n  \"x\"\n]\n", Json.write(new ArrayList<>(Arrays.asList(null, "x"))));
  }

  @Test
  void anythingElseIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.write(1.5f));
    assertEquals("not a JSON value: java.lang.Float", e.getMessage());
  }
}
