import { Group, Text } from "@mantine/core";

export function LogoMark({ size = 24 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="var(--mantine-color-brand-6)" />
      <path
        d="M8 10.5l3.2 11 4.8-8.2 4.8 8.2 3.2-11"
        fill="none"
        stroke="#fff"
        strokeWidth="2.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export function Logo() {
  return (
    <Group gap={8} wrap="nowrap">
      <LogoMark />
      <Text fw={650} size="lg" style={{ letterSpacing: "-0.01em" }}>
        Worklane
      </Text>
    </Group>
  );
}
