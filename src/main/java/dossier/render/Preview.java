package dossier.render;

import com.vladsch.flexmark.ast.AutoLink;
import com.vladsch.flexmark.ast.Image;
import com.vladsch.flexmark.ast.Link;
import com.vladsch.flexmark.ast.LinkNodeBase;
import com.vladsch.flexmark.ast.RefNode;
import com.vladsch.flexmark.ast.Reference;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataSet;
import com.vladsch.flexmark.util.sequence.Escaping;
import dossier.DossierException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A standalone HTML page of a dossier, as the Markdown site shows it: flexmark with GFM tables,
 * a readable stylesheet, and the figures inlined so the one file is all a reviewer needs.
 *
 * <p>The page is opened locally, from a repository others push to: it runs nothing. Raw HTML is
 * shown as text, a link or image to anything but http, https, mailto or a relative address is
 * shown as its text ({@link #allowed}), and a Content-Security-Policy forbids scripts, and any
 * load but the inlined figures, in case something gets through all the same.
 */
public final class Preview {
  private static final MutableDataSet OPTIONS = new MutableDataSet()
      .set(Parser.EXTENSIONS, List.of(TablesExtension.create()))
      .set(TablesExtension.COLUMN_SPANS, false)
      .set(TablesExtension.APPEND_MISSING_COLUMNS, true)
      .set(TablesExtension.DISCARD_EXTRA_COLUMNS, true)
      .set(TablesExtension.HEADER_SEPARATOR_COLUMN_MATCH, true)
      // The markers are comments: left out. Any other raw HTML is shown as text, not run: the
      // page is opened locally, and a dossier needs no HTML of its own.
      .set(HtmlRenderer.SUPPRESS_HTML_COMMENT_BLOCKS, true)
      .set(HtmlRenderer.SUPPRESS_INLINE_HTML_COMMENTS, true)
      .set(HtmlRenderer.ESCAPE_HTML_BLOCKS, true)
      .set(HtmlRenderer.ESCAPE_INLINE_HTML, true);
  /** No script, no load but the inlined figures (data:), the page's own style; no base, no form. */
  static final String CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; "
      + "form-action 'none'";
  private static final Set<String> SCHEMES = Set.of("http", "https", "mailto");
  private static final Pattern PERCENT = Pattern.compile("%([0-9a-fA-F]{2})");
  private static final Pattern LOCAL_SVG = Pattern.compile("<img src=\"(img/[A-Za-z0-9._-]+\\.svg)\"");

  private Preview() {}

  /** @param dossier the Markdown file; its figures are read relative to its folder */
  public static String html(Path dossier, String markdown) {
    return html(dossier, markdown, figure -> figure);
  }

  /**
   * The same, each figure passed through {@code figureCheck} before it is read (which throws to
   * refuse it: a figure that is a link to a file outside the project would be inlined in the page).
   */
  public static String html(Path dossier, String markdown, UnaryOperator<Path> figureCheck) {
    Parser parser = Parser.builder(OPTIONS).build();
    Document doc = parser.parse(markdown);
    disarmLinks(doc);
    String body = HtmlRenderer.builder(OPTIONS).build().render(doc);
    String title = markdown.lines().filter(l -> l.startsWith("# ")).findFirst()
        .map(l -> l.substring(2).replaceAll("<!--.*?-->", "")).orElse(dossier.getFileName().toString());
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + CSP + "\">\n<title>"
        + escape(title) + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n<main>\n"
        + inlineFigures(body, dossier.toAbsolutePath().getParent(), figureCheck) + "</main>\n</body>\n</html>\n";
  }

  /**
   * Turns each link and image whose address is not {@link #allowed} into its text: a link or an
   * image (inline or by reference) into its text or alt text, an autolink into the text as
   * written. Done on the parsed document rather than on the HTML, where every spelling of an
   * address would have to be recognized again.
   */
  static void disarmLinks(Document doc) {
    List<Node> refused = new ArrayList<>();
    for (Node node : doc.getDescendants()) {
      String url = address(node, doc);
      if (url != null && !allowed(url)) {
        refused.add(node);
      }
    }
    for (Node node : refused) {
      if (node instanceof AutoLink) {
        node.insertBefore(new Text(node.getChars()));
      } else {
        for (Node child = node.getFirstChild(); child != null; ) {
          Node next = child.getNext();
          node.insertBefore(child);
          child = next;
        }
      }
      node.unlink();
    }
  }

  /** The address a node links to, as written; null for a node that links nowhere. */
  private static String address(Node node, Document doc) {
    if (node instanceof Link || node instanceof Image || node instanceof AutoLink) {
      return ((LinkNodeBase) node).getUrl().toString();
    }
    if (node instanceof RefNode ref) {
      Reference r = ref.getReferenceNode(doc);
      return r == null ? null : r.getUrl().toString(); // undefined: flexmark shows it as text
    }
    return null;
  }

  /**
   * Whether an address, as written in Markdown, is one a page may link to: http, https, mailto, or
   * relative (no scheme). Its scheme is read after decoding character references and percent
   * escapes (as often as they nest) and dropping white space and control characters, which a
   * browser skips: "jav&amp;#x61;script:", "JavaScript:" and "java\tscript:" are all javascript:.
   * An allow list, so that vbscript:, data:, file: and schemes yet to come are refused alike.
   */
  static boolean allowed(String url) {
    String s = url;
    // A browser decodes character references once, and percent escapes in a scheme not at all; the
    // further rounds only make the check stricter.
    for (int i = 0; i < 8; i++) {
      String decoded = PERCENT.matcher(Escaping.unescapeString(s)).replaceAll(
          m -> Matcher.quoteReplacement(Character.toString(Integer.parseInt(m.group(1), 16))));
      if (decoded.equals(s)) {
        break;
      }
      s = decoded;
    }
    StringBuilder kept = new StringBuilder(s.length());
    s.codePoints().filter(c -> !Character.isWhitespace(c) && !Character.isISOControl(c) && !Character.isSpaceChar(c)
        && Character.getType(c) != Character.FORMAT).forEach(kept::appendCodePoint);
    String plain = kept.toString();
    int colon = plain.indexOf(':');
    if (colon < 0) {
      return true;
    }
    String beforeColon = plain.substring(0, colon);
    // A colon after the first '/', '?' or '#' is in a relative path, query or fragment.
    return beforeColon.chars().anyMatch(c -> c == '/' || c == '?' || c == '#')
        || SCHEMES.contains(beforeColon.toLowerCase(Locale.ROOT));
  }

  /** Replaces each local SVG image by a data URI of the file, so the page stands alone. */
  static String inlineFigures(String html, Path dir, UnaryOperator<Path> figureCheck) {
    Matcher m = LOCAL_SVG.matcher(html);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Path svg = figureCheck.apply(dir.resolve(m.group(1)));
      try {
        String data = Base64.getEncoder().encodeToString(Files.readAllBytes(svg));
        m.appendReplacement(out, Matcher.quoteReplacement("<img class=\"figure\" src=\"data:image/svg+xml;base64," + data + "\""));
      } catch (IOException e) {
        throw new DossierException(svg + ": figure not found; run `dossier refresh` to write it", e);
      }
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static final String STYLE = String.join("\n",
      "body { margin: 0; background: #f6f7f9; color: #1f2328; }",
      "main { max-width: 1100px; margin: 0 auto; padding: 32px 40px 64px; background: #fff;",
      "  font: 15px/1.55 -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif,",
      "  'Apple Color Emoji', 'Segoe UI Emoji', 'Noto Color Emoji'; }",
      "h1 { font-size: 26px; border-bottom: 1px solid #d8dee4; padding-bottom: 8px; }",
      "h2 { font-size: 20px; margin-top: 32px; border-bottom: 1px solid #eaeef2; padding-bottom: 4px; }",
      "h3 { font-size: 16px; margin-top: 24px; }",
      "table { border-collapse: collapse; margin: 12px 0; font-size: 13.5px; display: block; overflow-x: auto; }",
      "th, td { border: 1px solid #d0d7de; padding: 5px 10px; text-align: left; }",
      "th { background: #f3f5f7; }",
      "tr:nth-child(even) td { background: #fafbfc; }",
      "td { font-variant-numeric: tabular-nums; }",
      "code { background: #eff1f3; padding: 1px 5px; border-radius: 4px; font-size: 90%; }",
      "img.figure { display: block; max-width: 100%; margin: 16px 0; border: 1px solid #eaeef2; }",
      "hr { border: 0; border-top: 1px solid #d8dee4; margin: 32px 0 12px; }",
      "")
      + "\n";

}
