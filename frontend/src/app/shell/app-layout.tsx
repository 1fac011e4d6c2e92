import { AppShell, Burger, Group, Kbd, Text, UnstyledButton } from "@mantine/core";
import { useDisclosure, useOs } from "@mantine/hooks";
import { spotlight } from "@mantine/spotlight";
import { IconSearch } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useNavigate } from "react-router";
import { notifyError } from "@/components/notify";
import type { User } from "@/features/auth/api";
import { useLogOut } from "@/features/auth/api";
import type { Workspace } from "@/features/workspaces/api";
import { CreateWorkspaceModal } from "@/features/workspaces/components/create-workspace-modal";
import { WorkspaceSwitcher } from "@/features/workspaces/components/workspace-switcher";
import { CommandPalette } from "./command-palette";
import classes from "./shell.module.css";
import { Sidebar } from "./sidebar";
import { UserMenu } from "./user-menu";

/** The frame around every workspace screen: header, sidebar, palette. */
export function AppLayout({
  workspace,
  user,
  children,
}: {
  workspace: Workspace;
  user: User;
  children: ReactNode;
}) {
  const [navOpen, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const [creating, { open: openCreate, close: closeCreate }] = useDisclosure(false);
  const navigate = useNavigate();
  const logOut = useLogOut();
  const os = useOs();
  const mod = os === "macos" || os === "ios" ? "⌘" : "Ctrl";

  const signOut = () =>
    logOut.mutate(undefined, { onError: (error) => notifyError(error, "Couldn't sign out") });

  return (
    <AppShell
      header={{ height: 52 }}
      navbar={{ width: 232, breakpoint: "sm", collapsed: { mobile: !navOpen } }}
      padding={0}
    >
      <AppShell.Header className={classes.header}>
        <Burger opened={navOpen} onClick={toggleNav} hiddenFrom="sm" size="sm" aria-label="Menu" />
        <Group gap={10} wrap="nowrap" w={{ base: "auto", sm: 208 }}>
          <WorkspaceSwitcher current={workspace} onCreate={openCreate} />
        </Group>
        <Group flex={1} justify="center" visibleFrom="xs">
          <UnstyledButton className={classes.search} onClick={() => spotlight.open()}>
            <IconSearch size={15} stroke={1.75} />
            <Text size="sm" c="dimmed" flex={1}>
              Search or jump to…
            </Text>
            <Kbd size="xs">{mod} K</Kbd>
          </UnstyledButton>
        </Group>
        <UserMenu user={user} onSignOut={signOut} />
      </AppShell.Header>
      <AppShell.Navbar className={classes.navbar}>
        <Sidebar workspaceId={workspace.id} onNavigate={closeNav} />
      </AppShell.Navbar>
      <AppShell.Main className={classes.main}>{children}</AppShell.Main>
      <CommandPalette workspace={workspace} onCreateWorkspace={openCreate} onSignOut={signOut} />
      <CreateWorkspaceModal
        opened={creating}
        onClose={closeCreate}
        onCreated={(created) => navigate(`/w/${created.id}`)}
      />
    </AppShell>
  );
}
