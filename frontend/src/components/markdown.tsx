import { TypographyStylesProvider } from "@mantine/core";
import type { Element, ElementContent, Root, Text } from "hast";
import ReactMarkdown from "react-markdown";
import rehypeSanitize from "rehype-sanitize";
import remarkGfm from "remark-gfm";
import classes from "./markdown.module.css";

/** `<@member-id>` in text: how comments mention someone. */
export const MENTION = /<@([0-9a-fA-F-]{36})>/g;

/**
 * Mentions become `@Name` spans after sanitising: the name is a text node, never HTML, and an
 * id we cannot name stays visible as "@unknown member".
 */
function rehypeMentions(nameOf: (memberId: string) => string | undefined) {
  const split = (text: Text): ElementContent[] => {
    const parts: ElementContent[] = [];
    let last = 0;
    for (const match of text.value.matchAll(MENTION)) {
      const index = match.index ?? 0;
      if (index > last) parts.push({ type: "text", value: text.value.slice(last, index) });
      const id = match[1] ?? "";
      parts.push({
        type: "element",
        tagName: "span",
        properties: { className: ["wl-mention"], dataMemberId: id },
        children: [{ type: "text", value: `@${nameOf(id) ?? "unknown member"}` }],
      });
      last = index + match[0].length;
    }
    if (last < text.value.length) parts.push({ type: "text", value: text.value.slice(last) });
    return parts;
  };
  const walk = (node: Root | Element) => {
    node.children = node.children.flatMap((child) => {
      if (child.type === "text" && MENTION.test(child.value)) {
        MENTION.lastIndex = 0;
        return split(child);
      }
      MENTION.lastIndex = 0;
      if (child.type === "element" && child.tagName !== "code" && child.tagName !== "pre") {
        walk(child);
      }
      return [child];
    }) as typeof node.children;
  };
  return () => (tree: Root) => walk(tree);
}

/**
 * User-written Markdown, safely: raw HTML is never rendered (react-markdown drops it, and
 * rehype-sanitize strips anything dangerous that Markdown itself can produce, like
 * `javascript:` links), links open in a new tab without the opener.
 */
export function Markdown({
  children,
  mentionName = () => undefined,
}: {
  children: string;
  mentionName?: (memberId: string) => string | undefined;
}) {
  return (
    <TypographyStylesProvider className={classes.markdown} p={0}>
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        rehypePlugins={[rehypeSanitize, rehypeMentions(mentionName)]}
        skipHtml
        components={{
          a: ({ node: _node, ...props }) => (
            <a {...props} target="_blank" rel="noopener noreferrer" />
          ),
        }}
      >
        {children}
      </ReactMarkdown>
    </TypographyStylesProvider>
  );
}
