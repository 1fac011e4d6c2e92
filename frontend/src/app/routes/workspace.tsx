import { Button, Center, Stack, Text, Title } from "@mantine/core";
import { useEffect } from "react";
import { Link, Outlet, useOutletContext, useParams } from "react-router";
import { isApiError } from "@/api/errors";
import { ErrorState } from "@/components/states";
import { type User, useSession } from "@/features/auth/api";
import { useWorkspace, type Workspace } from "@/features/workspaces/api";
import { rememberWorkspace } from "@/lib/last-workspace";
import { AppLayout } from "../shell/app-layout";
import { FullPageLoader } from "./guards";

interface WorkspaceContext {
  workspace: Workspace;
  user: User;
}

/** The workspace in the URL and the signed-in user, for every screen inside the shell. */
export function useCurrentWorkspace(): WorkspaceContext {
  return useOutletContext<WorkspaceContext>();
}

export function WorkspaceRoute() {
  const { workspaceId = "" } = useParams();
  const workspace = useWorkspace(workspaceId);
  const { data: user } = useSession();

  useEffect(() => {
    if (workspace.data) rememberWorkspace(workspace.data.id);
  }, [workspace.data]);

  if (workspace.isPending) return <FullPageLoader />;
  if (workspace.isError) {
    const missing = isApiError(workspace.error) && [404, 422].includes(workspace.error.status);
    return (
      <Center h="100vh" px="md">
        {missing ? (
          <Stack align="center" gap="sm" ta="center">
            <Title order={2}>Workspace not found</Title>
            <Text c="dimmed" maw={380}>
              It may have been deleted, or you are not a member of it.
            </Text>
            <Button component={Link} to="/" mt="xs">
              Go to my workspaces
            </Button>
          </Stack>
        ) : (
          <ErrorState error={workspace.error} onRetry={() => workspace.refetch()} />
        )}
      </Center>
    );
  }
  if (!user) return <FullPageLoader />;
  return (
    <AppLayout workspace={workspace.data} user={user}>
      <Outlet context={{ workspace: workspace.data, user } satisfies WorkspaceContext} />
    </AppLayout>
  );
}
