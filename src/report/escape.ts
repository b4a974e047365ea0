/** Escaping for the report's HTML: every value from the tenant (names, addresses, messages) goes through here. */

/** Text or a quoted attribute value: & < > " ' and the backtick become character references. */
export function escapeHtml(value: string | number | undefined): string {
  const text = value === undefined ? '' : String(value);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    switch (c) {
      case '&':
        out += '&amp;';
        break;
      case '<':
        out += '&lt;';
        break;
      case '>':
        out += '&gt;';
        break;
      case '"':
        out += '&quot;';
        break;
      case "'":
        out += '&#39;';
        break;
      case '`':
        out += '&#96;';
        break;
      default:
        out += c;
    }
  }
  return out;
}

/** A link target the report may carry: https (or http) only, never javascript:, data: or a relative path. */
export function safeHref(href: string): string | undefined {
  const trimmed = href.trim();
  return /^https?:\/\/[^\s"'<>`]+$/i.test(trimmed) ? trimmed : undefined;
}
