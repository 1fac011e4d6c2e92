import { MantineProvider } from "@mantine/core";
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Markdown } from "./markdown";

function renderMarkdown(text: string, names: Record<string, string> = {}) {
  return render(
    <MantineProvider>
      <Markdown mentionName={(id) => names[id]}>{text}</Markdown>
    </MantineProvider>,
  );
}

const ADA = "0190c0de-0000-7000-8000-0000000000aa";

describe("Markdown", () => {
  it("renders Markdown: headings, emphasis, lists, links that open safely", () => {
    const { container } = renderMarkdown(
      "## Plan\n\n- **bold** item\n- [docs](https://example.com)",
    );
    expect(screen.getByRole("heading", { name: "Plan", level: 2 })).toBeInTheDocument();
    expect(container.querySelector("strong")?.textContent).toBe("bold");
    const link = screen.getByRole("link", { name: "docs" });
    expect(link).toHaveAttribute("href", "https://example.com");
    expect(link).toHaveAttribute("rel", "noopener noreferrer");
  });

  it("never renders raw HTML: no script, no event handlers, no javascript: links", () => {
    const { container } = renderMarkdown(
      [
        "<script>window.pwned = true</script>",
        '<img src="x" onerror="window.pwned = true">',
        '<a href="#" onclick="window.pwned = true">click</a>',
        "[run](javascript:alert(1))",
        '![pic](x" onerror="alert(1))',
      ].join("\n\n"),
    );
    expect(container.querySelector("script")).toBeNull();
    expect(container.querySelector("[onerror]")).toBeNull();
    expect(container.querySelector("[onclick]")).toBeNull();
    for (const anchor of container.querySelectorAll("a")) {
      expect(anchor.getAttribute("href") ?? "").not.toMatch(/^javascript:/i);
    }
    expect(container.innerHTML).not.toContain("<script");
    expect((window as unknown as { pwned?: boolean }).pwned).toBeUndefined();
  });

  it("shows <@member-id> mentions as @Name, and unknown ones as such", () => {
    const { container } = renderMarkdown(
      `Thanks <@${ADA}>, and <@0190c0de-0000-7000-8000-0000000000bb>. Code: \`<@${ADA}>\``,
      { [ADA]: "Ada Lovelace" },
    );
    const mentions = container.querySelectorAll(".wl-mention");
    expect([...mentions].map((node) => node.textContent)).toEqual([
      "@Ada Lovelace",
      "@unknown member",
    ]);
    expect(mentions[0]).toHaveAttribute("data-member-id", ADA);
    // Inside code, the text stays as written.
    expect(container.querySelector("code")?.textContent).toBe(`<@${ADA}>`);
  });

  it("escapes a member's name: it is text, never markup", () => {
    const { container } = renderMarkdown(`hi <@${ADA}>`, { [ADA]: "<img src=x onerror=alert(1)>" });
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector(".wl-mention")?.textContent).toBe(
      "@<img src=x onerror=alert(1)>",
    );
  });
});
