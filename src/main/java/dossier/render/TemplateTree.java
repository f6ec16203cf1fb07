package dossier.render;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a model of records into the only shapes templates may see: maps, lists, strings,
 * booleans and whole numbers. A double is refused: numbers reach templates already formatted.
 */
final class TemplateTree {
  // Class.getRecordComponents() reads the class file's Record attribute and builds new objects on
  // every call; a dossier's model has thousands of records of a few dozen classes.
  private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
    @Override
    protected RecordComponent[] computeValue(Class<?> type) {
      return type.getRecordComponents();
    }
  };

  private TemplateTree() {}

  static Object of(Object value) {
    if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
        || value instanceof Long) {
      return value;
    }
    if (value instanceof Optional<?> o) {
      return o.map(TemplateTree::of).orElse(null);
    }
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object item : list) {
        out.add(of(item));
      }
      return out;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), of(v)));
      return out;
    }
    if (value instanceof Record record) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (RecordComponent c : COMPONENTS.get(record.getClass())) {
        try {
          out.put(c.getName(), of(c.getAccessor().invoke(record)));
        } catch (IllegalAccessException | InvocationTargetException e) {
          throw new IllegalStateException("cannot read " + c, e);
        }
      }
      return out;
    }
    throw new IllegalArgumentException("templates get formatted values, not " + value.getClass().getName());
  }
}
