/*
 * report_html.c - what every page of the HTML report shares: escaping of
 * text from the JSON, numbers for reading, the style sheet and the page's
 * head, and the frame of a chart (a <figure> on the page, and a file in the
 * chart list when charts are collected).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "report_html.h"

int parley__html_esc(parley_buf *b, rstr s)
{
	size_t i, run = 0;
	int error = 0;

	if (!s.p)
		return 0;
	/* A text that breaks the rule of text.c (the JSON may hold anything:
	 * bad UTF-8, control characters, unbalanced bidirectional controls) is
	 * shown with what the rule refuses made visible (\x1b, \u202e), so that
	 * none reaches the page raw or reorders the text after it; what follows
	 * the rule needs only the five characters of HTML escaped. */
	if (parley__text_check(s.p, s.n, PARLEY_TEXT_MULTILINE, NULL) < 0) {
		parley_buf tmp = PARLEY_BUF_INIT;
		rstr t;
		if ((error = parley__text_escape(&tmp, s.p, s.n, PARLEY_TEXT_MULTILINE)) == 0) {
			t.p = tmp.ptr ? tmp.ptr : "";
			t.n = tmp.size;
			error = parley__html_esc(b, t);
		}
		parley_buf_dispose(&tmp);
		return error;
	}
	for (i = 0; i < s.n; i++) {
		char ch = s.p[i];
		const char *rep = ch == '&' ? "&amp;" : ch == '<' ? "&lt;" : ch == '>' ? "&gt;" : ch == '"' ? "&quot;" :
			ch == '\'' ? "&#39;" : NULL;
		if (!rep) {
			run++;
			continue;
		}
		if ((run && (error = parley_buf__put(b, s.p + i - run, run)) < 0) ||
		    (error = parley_buf__puts(b, rep)) < 0)
			return error;
		run = 0;
	}
	return run ? parley_buf__put(b, s.p + s.n - run, run) : 0;
}

int parley__html_wrap(parley_buf *b, const char *before, rstr s, const char *after)
{
	int error;
	if ((error = parley_buf__puts(b, before)) < 0 || (error = parley__html_esc(b, s)) < 0)
		return error;
	return parley_buf__puts(b, after);
}

int parley__html_escz(parley_buf *b, const char *z)
{
	return parley__html_esc(b, parley__rstr_z(z));
}

int parley__html_slug(parley_buf *b, rstr s)
{
	size_t i, n = 0;
	int error = 0;
	for (i = 0; s.p && i < s.n && n < 40; i++, n++) {
		char ch = s.p[i];
		int ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-';
		if ((error = parley_buf__put(b, ok ? &ch : "-", 1)) < 0)
			return error;
	}
	return n ? 0 : parley_buf__puts(b, "x");
}

int parley__html_num(parley_buf *b, double v, int dec)
{
	char tmp[64];
	snprintf(tmp, sizeof(tmp), "%.*f", dec, v);
	if (tmp[0] == '-' && strspn(tmp + 1, "0.") == strlen(tmp + 1))
		memmove(tmp, tmp + 1, strlen(tmp));
	return parley_buf__puts(b, tmp);
}

int parley__html_pct(parley_buf *b, double p)
{
	if (!(p > 0))
		return parley_buf__puts(b, "0%");
	if (p >= 1)
		return parley_buf__puts(b, "100%");
	if (p < 0.005)
		return parley_buf__puts(b, "&lt;1%");
	if (p > 0.995)
		return parley_buf__puts(b, "&gt;99%");
	return parley_buf__printf(b, "%.0f%%", p * 100);
}

int parley__html_exact(parley_buf *b, double v)
{
	char tmp[40];
	parley__fmt_double(tmp, sizeof(tmp), v);
	return parley_buf__puts(b, tmp);
}

size_t parley__html_chars(rstr s)
{
	size_t i, n = 0;
	for (i = 0; s.p && i < s.n; i++)
		n += ((unsigned char)s.p[i] & 0xC0) != 0x80;
	return n;
}

/* A coded number for reading: whole numbers as they are, others to four
 * significant digits. */
int parley__html_short(parley_buf *b, double v)
{
	if (fabs(v) < 1e15 && v == floor(v))
		return parley_buf__printf(b, "%.0f", v);
	return parley_buf__printf(b, fabs(v) >= 1e4 ? "%.0f" : "%.4g", v);
}

int parley_report__emit_chart(rctx *c, const parley_buf *svg, const rissue *is, const char *kind)
{
	parley_report_chart_list *l = c->charts;
	parley_report_chart *ch;
	parley_buf name = PARLEY_BUF_INIT;
	int error = 0;

	PARLEY_TRY(parley_buf__put(c->out, svg->ptr ? svg->ptr : "", svg->size));
	if (!l)
		return 0;
	if (is) {
		PARLEY_TRY(parley_buf__printf(&name, "%02zu-", is->index + 1));
		PARLEY_TRY(parley__html_slug(&name, is->id));
		PARLEY_TRY(parley_buf__printf(&name, "-%s.svg", kind));
	} else {
		PARLEY_TRY(parley_buf__printf(&name, "%s.svg", kind));
	}
	if (l->count == l->alloc) {
		size_t na = l->alloc ? l->alloc * 2 : 16;
		parley_report_chart *p = parley__realloc(l->items, na * sizeof(*p));
		if (!p) {
			error = PARLEY_ENOMEM;
			goto done;
		}
		l->items = p;
		l->alloc = na;
	}
	ch = &l->items[l->count];
	memset(ch, 0, sizeof(*ch));
	ch->name = parley__strdup(name.ptr);
	ch->title = parley__strndup(c->chart_title.ptr ? c->chart_title.ptr : "", c->chart_title.size);
	if (!ch->name || !ch->title ||
	    parley_buf__puts(&ch->svg, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") < 0 ||
	    parley_buf__put(&ch->svg, svg->ptr ? svg->ptr : "", svg->size) < 0) {
		parley__free(ch->name);
		parley__free(ch->title);
		parley_buf_dispose(&ch->svg);
		error = PARLEY_ENOMEM;
		goto done;
	}
	l->count++;
done:
	parley_buf_dispose(&name);
	return error;
}

/* Draw one chart with `fn` inside a <figure> with `caption` (HTML). */
int parley_report__figure(rctx *c, const rissue *is, const char *kind, chart_fn fn, const char *caption)
{
	parley_buf svg = PARLEY_BUF_INIT;
	int error = fn(c, &svg, is);
	if (error == 1) {
		error = 0;
		goto done;
	}
	if (error < 0)
		goto done;
	PARLEY_TRY(parley_buf__printf(c->out, "<figure class=\"chart chart-%s\">\n", kind));
	PARLEY_TRY(parley_report__emit_chart(c, &svg, is, kind));
	if (caption)
		PARLEY_TRY(parley_buf__printf(c->out, "<figcaption>%s</figcaption>\n", caption));
	PARLEY_TRY(parley_buf__puts(c->out, "</figure>\n"));
done:
	parley_buf_dispose(&svg);
	return error;
}

static const char css[] =
	":root{--ink:#1a1a1a;--muted:#595959;--rule:#d9d9d9;--accent:#0072B2;--ok:#009E73;--no:#D55E00}\n"
	"*{box-sizing:border-box}\n"
	"html{font-size:16px}\n"
	"body{margin:0;color:var(--ink);background:#fff;font-family:\"DejaVu Sans\",\"Liberation Sans\","
	"Arial,Helvetica,sans-serif;line-height:1.5}\n"
	"header.top,main,footer{max-width:1040px;margin:0 auto;padding:0 28px}\n"
	"header.top{padding-top:28px;padding-bottom:8px;border-bottom:1px solid var(--rule)}\n"
	".kicker{margin:0;color:var(--accent);font-size:.8rem;letter-spacing:.08em;text-transform:uppercase;"
	"font-weight:bold}\n"
	"h1{font-size:1.9rem;line-height:1.2;margin:.3rem 0 .4rem}\n"
	"h2{font-size:1.35rem;line-height:1.3;margin:2.6rem 0 .6rem;padding-top:.8rem;"
	"border-top:3px solid var(--ink)}\n"
	"h2 .no{display:inline-block;min-width:1.6em;color:var(--accent)}\n"
	"h3{font-size:1.05rem;margin:1.6rem 0 .4rem}\n"
	"p{margin:.4rem 0 .8rem;max-width:78ch}\n"
	".meta{color:var(--muted);font-size:.92rem}\n"
	".lede{font-size:1.02rem}\n"
	".desc{color:#333}\n"
	"table{border-collapse:collapse;margin:.4rem 0 1rem;font-size:.9rem}\n"
	"th,td{padding:.3rem .65rem;border-bottom:1px solid var(--rule);text-align:left;vertical-align:top}\n"
	"thead th{border-bottom:2px solid var(--ink);font-size:.82rem;color:#333}\n"
	"td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\ntd.n,td.nm{white-space:nowrap}\n"
	"table.wide{width:100%}\n"
	"caption{text-align:left;font-weight:bold;padding:.2rem 0}\n"
	"figure{margin:1rem 0 1.4rem}\n"
	"figure svg{display:block;width:100%;height:auto;border:1px solid #ececec}\n"
	"figcaption{font-size:.86rem;color:#333;margin-top:.4rem;max-width:96ch}\n"
	".verdict{margin:1rem 0;padding:.7rem 1rem;border-left:6px solid var(--muted);background:#f5f5f5}\n"
	".verdict.yes{border-color:var(--ok)}\n"
	".verdict.no{border-color:var(--no)}\n"
	".verdict strong{font-weight:bold}\n"
	".tag{display:inline-block;padding:0 .45em;border-radius:3px;font-size:.8rem;font-weight:bold;color:#fff}\n"
	".tag.yes{background:#007a59}\n"
	".tag.no{background:#b34700}\n"
	"ul.feas{padding-left:1.2rem;max-width:96ch}\n"
	"ul.feas li{margin:.35rem 0}\n"
	".mk{font-size:1.05em;margin-right:.3em}\n"
	".muted{color:var(--muted)}\n"
	".ci{display:block;font-size:.78rem;color:var(--muted)}\n"
	"a{color:var(--accent)}\n"
	"ol.sources li{margin:.3rem 0}\n"
	".loc{font-family:\"DejaVu Sans Mono\",monospace;font-size:.82rem;color:var(--muted);word-break:break-all}\n"
	"footer{margin-top:3rem;padding-top:1rem;padding-bottom:2rem;border-top:1px solid var(--rule);"
	"font-size:.82rem;color:var(--muted)}\n"
	"footer code{word-break:break-all}\n"
	".grid2{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:0 2rem}\n"
	"@media (max-width:760px){.grid2{grid-template-columns:1fr}}\n"
	"@media print{\n"
	"  @page{size:A4;margin:14mm}\n"
	"  html{font-size:10pt}\n"
	"  header.top,main,footer{max-width:none;padding:0}\n"
	"  section.issue{break-before:page}\n"
	"  figure,table,.verdict{break-inside:avoid}\n"
	"  h2,h3{break-after:avoid}\n"
	"  figure svg{border:0}\n"
	"  a{color:inherit;text-decoration:none}\n"
	"  .verdict{background:none}\n"
	"}\n";

int parley_report__page_head(rctx *c, rstr title, const char *what)
{
	int error;
	PARLEY_TRY(parley_buf__puts(c->out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"));
	PARLEY_TRY(parley_buf__printf(c->out, "<meta name=\"generator\" content=\"parley %s\">\n<title>", PARLEY_VERSION));
	PARLEY_TRY(parley__html_esc(c->out, title));
	PARLEY_TRY(parley_buf__printf(c->out, " \xe2\x80\x93 parley %s</title>\n<style>\n%s</style>\n</head>\n<body>\n",
		what, css));
done:
	return error;
}

int parley__html_interval(parley_buf *b, double lo, double hi, int lo_open, int hi_open, int dec)
{
	int error;
	PARLEY_TRY(parley_buf__puts(b, lo_open ? "(" : "["));
	PARLEY_TRY(parley__html_num(b, lo, dec));
	PARLEY_TRY(parley_buf__puts(b, ", "));
	PARLEY_TRY(parley__html_num(b, hi, dec));
	error = parley_buf__puts(b, hi_open ? ")" : "]");
done:
	return error;
}

int parley_report__glyph(rctx *c, size_t m)
{
	return parley_buf__printf(c->out, "<span class=\"mk\" style=\"color:%s\" aria-hidden=\"true\">%s</span>",
		c->models[m].colour, c->models[m].glyph);
}
