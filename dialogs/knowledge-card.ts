// The knowledge articles card: up to a few articles (title as a link to the employee portal, a
// short snippet), then "This solved it" and "I still need help". Titles and snippets are plain
// text from ServiceNow and only ever become escaped property values.
import type { Attachment } from 'botbuilder';
import { CardAction } from './actions.js';
import {
  cardAttachment,
  escapeMarkdown,
  heading,
  paragraph,
  submit,
  subtle,
  type CardElement,
} from './card-elements.js';
import type { ShownArticle } from './ports.js';
import { texts as english, type Texts } from './texts.js';

export function articlesCard(articles: readonly ShownArticle[], t: Texts = english): Attachment {
  const body: CardElement[] = [heading(t.articlesTitle)];
  for (const article of articles) {
    const title = escapeMarkdown(article.title);
    const url = linkUrl(article.url);
    body.push({ ...paragraph(url === undefined ? title : `[${title}](${url})`), weight: 'bolder' });
    if (article.snippet !== '') body.push(subtle(escapeMarkdown(article.snippet)));
  }
  body.push(paragraph(t.articlesExplanation));
  return cardAttachment(body, [
    submit(t.articleSolvedButton, { action: CardAction.articleSolved }),
    submit(t.articleNotSolvedButton, { action: CardAction.articleNotSolved }),
  ]);
}

/** Only http(s) links, with the characters that would end a markdown link encoded. */
function linkUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
    return parsed.href.replace(/[()<> ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  } catch {
    return undefined;
  }
}
