import { type QueryClient, useMutation, useQueryClient } from "@tanstack/react-query";
import { $api, api, ifMatch, unwrap } from "@/api/client";
import { LABELS, type Label, workspaceKey } from "@/api/directory";
import { isStale } from "@/api/errors";
import type { components } from "@/api/schema";
import { staleNotice } from "@/components/stale-notice";

export type { Label } from "@/api/directory";
export type LabelCreate = components["schemas"]["LabelCreate"];
export type LabelUpdate = components["schemas"]["LabelUpdate"];

const ONE = "/api/v1/workspaces/{workspace_id}/labels/{label_id}";

/** Labels are read through `useLabelDirectory`; every change refreshes it. */
function useInvalidateLabels(workspaceId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: workspaceKey(LABELS, workspaceId) });
}

/**
 * After a 412 on a label: load its latest version, say it changed, and offer to do the same to
 * that version.
 */
async function offerAgain(
  queryClient: QueryClient,
  workspaceId: string,
  label: Label,
  again: (latest: Label) => void,
  action?: string,
) {
  const latest = await queryClient
    .fetchQuery({
      ...$api.queryOptions("get", ONE, {
        params: { path: { workspace_id: workspaceId, label_id: label.id } },
      }),
      staleTime: 0,
    })
    .catch(() => undefined);
  if (latest) {
    staleNotice({ id: label.id, name: latest.name, reapply: () => again(latest), action });
  }
}

export function useCreateLabel(workspaceId: string) {
  const invalidate = useInvalidateLabels(workspaceId);
  return useMutation({
    mutationFn: async (body: LabelCreate) =>
      unwrap(await api.POST(LABELS, { params: { path: { workspace_id: workspaceId } }, body })),
    onSuccess: invalidate,
  });
}

/** Change a label from the version shown; a 412 offers to apply the change to the latest. */
export function useUpdateLabel(workspaceId: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateLabels(workspaceId);
  const mutation = useMutation({
    mutationFn: async ({ label, changes }: { label: Label; changes: LabelUpdate }) =>
      unwrap(
        await api.PATCH(ONE, {
          params: {
            path: { workspace_id: workspaceId, label_id: label.id },
            header: ifMatch(label),
          },
          body: changes,
        }),
      ),
    onError: async (error, { label, changes }) => {
      if (isStale(error)) {
        await offerAgain(queryClient, workspaceId, label, (latest) =>
          mutation.mutate({ label: latest, changes }),
        );
      }
    },
    onSettled: invalidate,
  });
  return mutation;
}

/** Delete a label as shown; a 412 offers to delete the latest version. */
export function useDeleteLabel(workspaceId: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateLabels(workspaceId);
  const mutation = useMutation({
    mutationFn: async (label: Label) => {
      await api.DELETE(ONE, {
        params: { path: { workspace_id: workspaceId, label_id: label.id }, header: ifMatch(label) },
      });
    },
    onError: async (error, label) => {
      if (isStale(error)) {
        await offerAgain(
          queryClient,
          workspaceId,
          label,
          (latest) => mutation.mutate(latest),
          "Delete it anyway",
        );
      }
    },
    onSettled: invalidate,
  });
  return mutation;
}
