package dev.tollgate.sample.site;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The site's HTML. Pages are rendered on the server; the payer widget ({@code widget.js}) and the
 * dashboard script fill in what depends on the reader's channel or the gateway's records.
 */
final class Pages {
  private final SiteSettings settings;
  private final boolean faucet;

  Pages(SiteSettings settings, boolean faucet) {
    this.settings = settings;
    this.faucet = faucet;
  }

  String front(List<Article> articles) {
    StringBuilder list = new StringBuilder("<ul id=\"articles\">");
    for (Article a : articles) {
      list.append("<li class=\"article\" data-slug=\"")
          .append(a.slug())
          .append("\"><a href=\"/articles/")
          .append(a.slug())
          .append("\">")
          .append(Html.escape(a.title()))
          .append("</a><p class=\"teaser\">")
          .append(Html.escape(a.teaser()))
          .append("</p>")
          .append(price(a))
          .append("</li>");
    }
    list.append("</ul>");
    return page(
        "The Tollgate Times",
        "<section class=\"intro\"><h1>The Tollgate Times</h1><p>Pay per article, a fraction of"
            + " a cent at a time, from a payment channel you open once. No account, no"
            + " subscription.</p></section>"
            + list,
        "widget.js");
  }

  String article(Article a) {
    return page(
        a.title() + " · The Tollgate Times",
        "<article id=\"article\" data-slug=\""
            + a.slug()
            + "\" data-price=\""
            + a.price()
            + "\" data-content-url=\"/articles/"
            + a.slug()
            + "/content\"><h1>"
            + Html.escape(a.title())
            + "</h1><p class=\"teaser\">"
            + Html.escape(a.teaser())
            + "</p>"
            + price(a)
            + "<div id=\"article-body\"></div><div id=\"paywall\"></div></article>",
        "widget.js");
  }

  String dashboard() {
    return page(
        "Publisher dashboard · The Tollgate Times",
        "<section id=\"dashboard\"><h1>Publisher dashboard</h1>"
            + "<form id=\"logout\" method=\"post\" action=\"/dashboard/logout\">"
            + "<button type=\"submit\">Log out</button></form>"
            + "<section id=\"revenue-chart\"><h2>Revenue</h2></section>"
            + "<section><h2>Latest payments</h2><table id=\"payments\"><tbody></tbody></table>"
            + "</section><section><h2>Open channels</h2><table id=\"channels\"><tbody></tbody>"
            + "</table></section><section><h2>Pending disputes</h2><table id=\"disputes\">"
            + "<tbody></tbody></table></section></section>",
        "dashboard.js");
  }

  /** The publisher's login form; {@code refused} after a wrong password. */
  String login(boolean refused) {
    return page(
        "Publisher login · The Tollgate Times",
        "<section class=\"intro\" id=\"login\"><h1>Publisher login</h1>"
            + (refused
                ? "<p class=\"tollgate-error\" id=\"login-refused\" role=\"alert\">That is not"
                    + " the dashboard password.</p>"
                : "")
            + "<form method=\"post\" action=\"/dashboard/login\">"
            + "<label for=\"password\">Password</label> "
            + "<input type=\"password\" id=\"password\" name=\"password\""
            + " autocomplete=\"current-password\" required autofocus> "
            + "<button type=\"submit\" id=\"login-submit\">Log in</button></form></section>",
        "none");
  }

  String notFound(String path) {
    return page(
        "Not found · The Tollgate Times",
        "<section class=\"intro\"><h1>Not found</h1><p>Nothing lives at "
            + Html.escape(path)
            + ".</p></section>",
        "widget.js");
  }

  private String price(Article a) {
    return "<span class=\"price\" data-amount=\""
        + a.price()
        + "\">"
        + Amounts.format(a.price(), settings.assetDecimals())
        + " "
        + Html.escape(settings.assetSymbol())
        + "</span>";
  }

  private String page(String title, String main, String script) {
    ObjectNode config = SiteResponse.JSON.createObjectNode();
    config.put("gatewayUrl", settings.gatewayUrl().toString());
    config.put("siteUrl", settings.siteUrl().toString());
    config.put("faucet", faucet);
    config.put("asset", settings.asset());
    config.put("assetSymbol", settings.assetSymbol());
    config.put("assetDecimals", settings.assetDecimals());
    String dashboardLink = settings.hasDashboard() ? "<a href=\"/dashboard\">Dashboard</a>" : "";
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>"
        + Html.escape(title)
        + "</title><link rel=\"stylesheet\" href=\"/assets/site.css\">"
        + "<script type=\"application/json\" id=\"tollgate-config\">"
        + Html.scriptJson(config.toString())
        + "</script></head><body><header class=\"masthead\"><a class=\"brand\" href=\"/\">The"
        + " Tollgate Times</a><nav><a href=\"/\">Articles</a>"
        + dashboardLink
        + "</nav></header><div class=\"layout\"><main>"
        + main
        + "</main>"
        // the reader's wallet belongs on reading pages, not on the publisher's dashboard
        + (script.equals("widget.js") ? "<aside><div id=\"tollgate-wallet\"></div></aside>" : "")
        + "</div>"
        + "<footer>A sample publisher paid through Tollgate state channels.</footer>"
        + (script.equals("none")
            ? ""
            : "<script type=\"module\" src=\"/assets/" + script + "\"></script>")
        + "</body></html>";
  }
}
