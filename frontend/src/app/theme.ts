import { createTheme, type MantineColorsTuple } from "@mantine/core";

// A calm indigo, close to what people expect from a modern work tool.
const brand: MantineColorsTuple = [
  "#eef0ff",
  "#dcdefa",
  "#b6baf0",
  "#8d93e6",
  "#6b72de",
  "#565dd9",
  "#4a51d8",
  "#3c42c0",
  "#343aac",
  "#292f99",
];

export const theme = createTheme({
  primaryColor: "brand",
  colors: { brand },
  primaryShade: { light: 6, dark: 5 },
  fontFamily:
    "'Inter Variable', Inter, -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, sans-serif",
  fontFamilyMonospace: "'JetBrains Mono', ui-monospace, SFMono-Regular, Menlo, monospace",
  headings: {
    fontFamily: "'Inter Variable', Inter, -apple-system, BlinkMacSystemFont, sans-serif",
    fontWeight: "600",
    sizes: {
      h1: { fontSize: "1.5rem", lineHeight: "1.3" },
      h2: { fontSize: "1.25rem", lineHeight: "1.35" },
      h3: { fontSize: "1rem", lineHeight: "1.4" },
    },
  },
  fontSizes: { xs: "0.75rem", sm: "0.8125rem", md: "0.875rem", lg: "1rem", xl: "1.125rem" },
  defaultRadius: "md",
  radius: { xs: "3px", sm: "4px", md: "6px", lg: "8px", xl: "12px" },
  cursorType: "pointer",
  focusRing: "auto",
  components: {
    Button: { defaultProps: { size: "sm" } },
    TextInput: { defaultProps: { size: "sm" } },
    PasswordInput: { defaultProps: { size: "sm" } },
    NumberInput: { defaultProps: { size: "sm" } },
    Select: { defaultProps: { size: "sm", allowDeselect: false, checkIconPosition: "right" } },
    // Mantine's close and eyedropper buttons are icons only: name them for screen readers here,
    // once, rather than on every dialog, drawer and toast.
    Modal: {
      styles: { title: { fontWeight: 600, fontSize: "var(--mantine-font-size-lg)" } },
      defaultProps: {
        centered: true,
        radius: "lg",
        overlayProps: { backgroundOpacity: 0.35, blur: 2 },
        closeButtonProps: { "aria-label": "Close" },
      },
    },
    Drawer: { defaultProps: { closeButtonProps: { "aria-label": "Close" } } },
    Notification: { defaultProps: { closeButtonProps: { "aria-label": "Close" } } },
    ColorInput: {
      defaultProps: { eyeDropperButtonProps: { "aria-label": "Pick a colour from the screen" } },
    },
    Menu: { defaultProps: { shadow: "md", radius: "md", withinPortal: true } },
    Tooltip: { defaultProps: { openDelay: 400, withArrow: false, fz: "xs" } },
    Table: { defaultProps: { verticalSpacing: "sm", horizontalSpacing: "md" } },
    InputWrapper: { styles: { label: { fontWeight: 500, marginBottom: 4 } } },
    Badge: { defaultProps: { radius: "sm", tt: "none", fw: 500 } },
  },
});
