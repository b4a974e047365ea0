import { adminUrlFromSiteUrl, isSharePointAdminUrl, provisioningScript, psSingleQuote } from '../../src/provisioning/powershell';

const SINGLE_QUOTES = "'\u2018\u2019\u201a\u201b";

/**
 * Reads the single-quoted string literals of a text the way PowerShell's tokenizer does: any of ' ‘ ’ ‚ ‛ opens and
 * closes, two of them in a row inside the string stand for one. Outside strings, only `#` comments are skipped.
 */
function singleQuotedLiterals(text: string): string[] {
  const literals: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '#' && (i === 0 || text[i - 1] === '\n')) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (SINGLE_QUOTES.indexOf(c) >= 0) {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated string');
        const d = text[i]!;
        if (SINGLE_QUOTES.indexOf(d) >= 0) {
          const after = text[i + 1];
          if (after !== undefined && SINGLE_QUOTES.indexOf(after) >= 0) {
            value += text[i + 1];
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += d;
        i++;
      }
      literals.push(value);
    } else {
      i++;
    }
  }
  return literals;
}

function requestCalls(text: string): string[] {
  return text.split('\r\n').filter((line) => line.indexOf('Request-SPOPersonalSite') >= 0 && line.trim().charAt(0) !== '#');
}

describe('psSingleQuote', () => {
  it("doubles ' in o'brien@contoso.com", () => {
    expect(psSingleQuote("o'brien@contoso.com")).toBe("'o''brien@contoso.com'");
  });

  it('doubles the typographic single quotes PowerShell also treats as quotes', () => {
    expect(psSingleQuote('o\u2019brien@contoso.com')).toBe("'o\u2019\u2019brien@contoso.com'");
    expect(psSingleQuote('a\u2018b\u201ac\u201bd')).toBe("'a\u2018\u2018b\u201a\u201ac\u201b\u201bd'");
  });

  it('leaves $, backticks, double quotes and Unicode alone (nothing expands inside single quotes)', () => {
    expect(psSingleQuote('$(Remove-Item C:\\)`n"x"@contoso.com')).toBe("'$(Remove-Item C:\\)`n\"x\"@contoso.com'");
    expect(psSingleQuote('zoë.ångström@contoso.com')).toBe("'zoë.ångström@contoso.com'");
  });

  it('round-trips through a PowerShell-style reader, even for an attempt to close the string early', () => {
    const tricky = ["o'brien@contoso.com", "x'; Remove-Item -Recurse C:\\; '@contoso.com", 'a\u2019; calc; \u2018@contoso.com', "''''", '山田@contoso.jp'];
    for (const value of tricky) {
      expect(singleQuotedLiterals(psSingleQuote(value))).toEqual([value]);
    }
  });
});

describe('provisioningScript', () => {
  const adminUrl = 'https://contoso-admin.sharepoint.com';

  it('connects to the admin center and requests 400 addresses in 3 calls of at most 199', () => {
    const emails: string[] = [];
    for (let i = 0; i < 400; i++) emails.push('user' + String(i) + '@contoso.com');
    const script = provisioningScript({ adminUrl, emails });

    expect(script.calls).toBe(3);
    const calls = requestCalls(script.text);
    expect(calls).toHaveLength(3);
    for (const call of calls) expect(call).toMatch(/Request-SPOPersonalSite -NoWait -UserEmails @\($/);
    expect(script.text).toContain("Connect-SPOService -Url 'https://contoso-admin.sharepoint.com'");
    expect(script.text.indexOf('Connect-SPOService')).toBeLessThan(script.text.indexOf('Request-SPOPersonalSite -NoWait'));

    // Every address exactly once, in order, as a raw single-quoted literal.
    const literals = singleQuotedLiterals(script.text.slice(1));
    const addressLiterals = literals.filter((l) => l.indexOf('@contoso.com') > 0);
    expect(addressLiterals).toEqual(emails);
    // Batch sizes 199/199/2: count the address lines between each call and its closing parenthesis.
    const blocks = script.text.split('Request-SPOPersonalSite -NoWait -UserEmails @(').slice(1).map((b) => b.split('\r\n    )')[0]!);
    expect(blocks.map((b) => b.split('\r\n').filter((l) => l.trim().length > 0).length)).toEqual([199, 199, 2]);
  });

  it('explains itself in a comment header: what it does, queued, up to 24 hours', () => {
    const script = provisioningScript({ adminUrl, emails: ['a@contoso.com'], generatedAt: new Date('2026-03-01T10:00:00Z') });
    const header = script.text.slice(1).split('\r\n').filter((l) => l.charAt(0) === '#').join('\n');
    expect(header).toMatch(/Request-SPOPersonalSite/);
    expect(header).toMatch(/queued/);
    expect(header).toMatch(/24 hours/);
    expect(header).toContain('2026-03-01T10:00:00.000Z');
    expect(script.fileName).toBe('request-onedrives-20260301.ps1');
  });

  it('is UTF-8 with BOM text with CRLF line ends, keeping Unicode and quoting apostrophes', () => {
    const script = provisioningScript({ adminUrl, emails: ["o'brien@contoso.com", 'o\u2019neil@contoso.com', 'zoë.ångström@contoso.com', '山田@contoso.jp'] });
    expect(script.text.charCodeAt(0)).toBe(0xfeff);
    expect(script.text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(script.text).toContain("'o''brien@contoso.com'");
    expect(script.text).toContain("'o\u2019\u2019neil@contoso.com'");
    expect(script.text).toContain("'zoë.ångström@contoso.com'");
    expect(script.text).toContain("'山田@contoso.jp'");
    expect(script.text).not.toMatch(/"o'brien/);
    // Every line outside comments has balanced quotes: the reader never runs off the end.
    expect(() => singleQuotedLiterals(script.text.slice(1))).not.toThrow();
  });

  it('skips addresses with line breaks or control characters, and duplicates', () => {
    const script = provisioningScript({ adminUrl, emails: ['a@contoso.com', 'b@contoso.com\r\nRemove-Item C:\\', 'c\u0000@contoso.com', 'A@CONTOSO.com', 'd@contoso.com'] });
    expect(script.included).toEqual(['a@contoso.com', 'd@contoso.com']);
    expect(script.skipped).toHaveLength(2);
    expect(script.text).not.toContain('Remove-Item');
    expect(script.text).toMatch(/2 address\(es\) were left out/);
  });

  it('quotes the admin URL too and makes no call for no addresses', () => {
    const script = provisioningScript({ adminUrl: "https://contoso-admin.sharepoint.com/'; calc; '", emails: [] });
    expect(script.calls).toBe(0);
    expect(requestCalls(script.text)).toHaveLength(0);
    expect(script.text).toContain("Connect-SPOService -Url 'https://contoso-admin.sharepoint.com/''; calc; '''");
  });
});

describe('admin URL helpers', () => {
  it('derives the admin center from any SharePoint URL of the tenant', () => {
    expect(adminUrlFromSiteUrl('https://contoso.sharepoint.com/sites/migration')).toBe('https://contoso-admin.sharepoint.com');
    expect(adminUrlFromSiteUrl('https://Contoso-my.sharepoint.com/personal/ann')).toBe('https://contoso-admin.sharepoint.com');
    expect(adminUrlFromSiteUrl('https://contoso-admin.sharepoint.com/')).toBe('https://contoso-admin.sharepoint.com');
    expect(adminUrlFromSiteUrl('https://fabrikam.sharepoint.us')).toBe('https://fabrikam-admin.sharepoint.us');
    expect(adminUrlFromSiteUrl('https://example.com')).toBeUndefined();
  });

  it('recognizes admin center URLs', () => {
    expect(isSharePointAdminUrl('https://contoso-admin.sharepoint.com')).toBe(true);
    expect(isSharePointAdminUrl('https://contoso-admin.sharepoint.com/')).toBe(true);
    expect(isSharePointAdminUrl('https://contoso.sharepoint.com')).toBe(false);
    expect(isSharePointAdminUrl('http://contoso-admin.sharepoint.com')).toBe(false);
  });
});

describe('provisioningScript: Multi-Geo', () => {
  const geos = new Map<string, string>([
    ['ann@contoso.com', 'NAM'],
    ['eve@contoso.com', 'EUR'],
    ['zoe@contoso.com', 'EUR'],
    ['kim@contoso.com', 'APC'],
  ]);

  it('connects to each geo admin center in turn and requests each user there (Request-SPOPersonalSite is not Multi-Geo aware)', () => {
    const script = provisioningScript({
      adminUrl: 'https://contoso-admin.sharepoint.com',
      emails: ['ann@contoso.com', 'eve@contoso.com', 'bob@contoso.com', 'zoe@contoso.com', 'kim@contoso.com'],
      geos,
      defaultGeo: 'NAM',
    });
    const connects = script.text.split('\r\n').filter((l) => l.startsWith('Connect-SPOService'));
    expect(connects).toEqual([
      "Connect-SPOService -Url 'https://contoso-admin.sharepoint.com'",
      "Connect-SPOService -Url 'https://contosoeur-admin.sharepoint.com'",
      "Connect-SPOService -Url 'https://contosoapc-admin.sharepoint.com'",
    ]);
    // Each address is requested once, under its own geo's connection.
    const text = script.text;
    const at = (needle: string): number => text.indexOf(needle);
    expect(at("'eve@contoso.com'")).toBeGreaterThan(at('contosoeur-admin'));
    expect(at("'zoe@contoso.com'")).toBeGreaterThan(at('contosoeur-admin'));
    expect(at("'kim@contoso.com'")).toBeGreaterThan(at('contosoapc-admin'));
    expect(at("'bob@contoso.com'")).toBeLessThan(at('contosoeur-admin'));
    expect(script.calls).toBe(3);
    expect(text).toContain('not Multi-Geo aware');
  });

  it('without a known default geo, says which admin center the geo-less users use and how to read the others', () => {
    const script = provisioningScript({ adminUrl: 'https://contoso-admin.sharepoint.com', emails: ['ann@contoso.com', 'eve@contoso.com'], geos });
    expect(script.text).toContain("Connect-SPOService -Url 'https://contosonam-admin.sharepoint.com'");
    expect(script.text).toMatch(/default geo could not be told/);
  });

  it('is the single-connection script when nobody has a preferred data location', () => {
    const script = provisioningScript({ adminUrl: 'https://contoso-admin.sharepoint.com', emails: ['bob@contoso.com'], geos: new Map() });
    expect(script.text.split('Connect-SPOService').length - 1).toBe(1);
    expect(script.text).not.toContain('Multi-Geo');
  });
});
