package dossier.render;

import com.vladsch.flexmark.ext.tables.TableBlock;
import com.vladsch.flexmark.ext.tables.TableCell;
import com.vladsch.flexmark.ext.tables.TableHead;
import com.vladsch.flexmark.ext.tables.TableRow;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataSet;
import dossier.DossierException;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * Parses a rendered dossier back with flexmark (GFM tables) and refuses it when a table is
 * broken: a row with more or fewer cells than its header, or a line that looks like a table row
 * but belongs to no table. Run before anything is written.
 */
public final class TableCheck {
  // TRACK_DOCUMENT_LINES: line numbers from the offsets of lines kept while parsing, not by counting
  // line breaks from the start of the text for each call (see Blocks.PARSER).
  private static final Parser PARSER = Parser.builder(new MutableDataSet()
          .set(Parser.TRACK_DOCUMENT_LINES, true)
          .set(Parser.EXTENSIONS, List.of(TablesExtension.create()))
          .set(TablesExtension.COLUMN_SPANS, false)
          .set(TablesExtension.APPEND_MISSING_COLUMNS, false)
          .set(TablesExtension.DISCARD_EXTRA_COLUMNS, false)
          .set(TablesExtension.HEADER_SEPARATOR_COLUMN_MATCH, true)
          .toImmutable())
      .build();

  private TableCheck() {}

  /** @return the number of tables found */
  public static int check(String markdown, String name) {
    Node doc = PARSER.parse(markdown);
    BitSet tableLines = new BitSet();
    int tables = 0;
    for (Node n : doc.getDescendants()) {
      if (n instanceof TableBlock table) {
        tables++;
        tableLines.set(table.getStartLineNumber(), table.getEndLineNumber() + 1);
        checkTable(table, name);
      }
    }
    String[] lines = markdown.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith("|") && !tableLines.get(i)) {
        throw new DossierException(String.format(Locale.ROOT,
            "%s: rendered line %d looks like a table row but is outside any table: %s", name, i + 1, lines[i]));
      }
    }
    return tables;
  }

  private static void checkTable(TableBlock table, String name) {
    int header = -1;
    for (Node n : table.getDescendants()) {
      if (n instanceof TableRow row) {
        int cells = 0;
        for (Node c = row.getFirstChild(); c != null; c = c.getNext()) {
          if (c instanceof TableCell) {
            cells++;
          }
        }
        if (row.getParent() instanceof TableHead) {
          header = cells;
        } else if (cells != header) {
          throw new DossierException(String.format(Locale.ROOT,
              "%s: rendered line %d has %d cells where its table header has %d", name,
              row.getStartLineNumber() + 1, cells, header));
        }
      }
    }
  }
}
