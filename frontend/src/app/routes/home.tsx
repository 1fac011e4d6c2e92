import { Box, Center, Loader, Paper, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { lazy, Suspense } from "react";
import { Navigate, useNavigate } from "react-router";
import { LogoMark } from "@/components/brand";
import { ErrorState } from "@/components/states";
import { useWorkspaces } from "@/features/workspaces/api";
import { lastWorkspace } from "@/lib/last-workspace";
import { FullPageLoader } from "./guards";

// Loaded only for `/new`, so the landing route does not carry the form library.
const CreateWorkspaceForm = lazy(async () => ({
  default: (await import("@/features/workspaces/components/create-workspace-form"))
    .CreateWorkspaceForm,
}));

/** `/`: open the workspace used last (or the first); without any, start by creating one. */
export function HomeRoute() {
  const workspaces = useWorkspaces();
  if (workspaces.isError) {
    return (
      <Center h="100vh" px="md">
        <ErrorState error={workspaces.error} onRetry={() => workspaces.refetch()} />
      </Center>
    );
  }
  if (!workspaces.isComplete) return <FullPageLoader />;
  const all = workspaces.items ?? [];
  if (all.length === 0) return <Navigate to="/new" replace />;
  const last = lastWorkspace();
  const target = all.find((workspace) => workspace.id === last) ?? all[0];
  return <Navigate to={`/w/${target?.id}`} replace />;
}

/** `/new`: the first workspace (or another one) on a page of its own. */
export function NewWorkspaceRoute() {
  useDocumentTitle("Create a workspace · Worklane");
  const navigate = useNavigate();
  const workspaces = useWorkspaces();
  const hasAny = (workspaces.items?.length ?? 0) > 0;
  return (
    <Center mih="100vh" px="md" bg="var(--wl-canvas)">
      <Box w="100%" maw={520}>
        <Stack align="center" gap={6} mb="lg">
          <LogoMark size={36} />
          <Title order={1} ta="center" mt="sm">
            {hasAny ? "Create a workspace" : "Create your workspace"}
          </Title>
          <Text c="dimmed" ta="center" maw={420}>
            A workspace holds your organisation's projects, ongoing work, people and teams.
          </Text>
        </Stack>
        <Paper withBorder radius="lg" p="xl" shadow="xs">
          <Suspense fallback={<Loader mx="auto" display="block" />}>
            <CreateWorkspaceForm
              onCreated={(workspace) => navigate(`/w/${workspace.id}`, { replace: true })}
              onCancel={hasAny ? () => navigate(-1) : undefined}
            />
          </Suspense>
        </Paper>
      </Box>
    </Center>
  );
}
