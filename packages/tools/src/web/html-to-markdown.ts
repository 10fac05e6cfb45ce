/**
 * HTML → Markdown with turndown, loaded lazily (it brings a DOM implementation) so only WebFetch pays for it.
 * Scripts, styles and other non-content elements are dropped first.
 */
export async function htmlToMarkdown(html: string): Promise<string> {
  const { default: TurndownService } = await import('turndown');
  const service = new TurndownService({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    bulletListMarker: '-',
  });
  service.remove(['script', 'style', 'noscript', 'iframe', 'template', 'svg', 'head']);
  return service
    .turndown(html)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
