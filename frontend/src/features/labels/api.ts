import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap } from "@/api/client";
import { LABELS, type Label, workspaceKey } from "@/api/directory";
import type { components } from "@/api/schema";

export type { Label } from "@/api/directory";
export type LabelCreate = components["schemas"]["LabelCreate"];
export type LabelUpdate = components["schemas"]["LabelUpdate"];

const ONE = "/api/v1/workspaces/{workspace_id}/labels/{label_id}";

/** Labels are read through `useLabelDirectory`; every change refreshes it. */
function useInvalidateLabels(workspaceId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: workspaceKey(LABELS, workspaceId) });
}

export function useCreateLabel(workspaceId: string) {
  const invalidate = useInvalidateLabels(workspaceId);
  return useMutation({
    mutationFn: async (body: LabelCreate) =>
      unwrap(await api.POST(LABELS, { params: { path: { workspace_id: workspaceId } }, body })),
    onSuccess: invalidate,
  });
}

export function useUpdateLabel(workspaceId: string) {
  const invalidate = useInvalidateLabels(workspaceId);
  return useMutation({
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
    onSettled: invalidate,
  });
}

export function useDeleteLabel(workspaceId: string) {
  const invalidate = useInvalidateLabels(workspaceId);
  return useMutation({
    mutationFn: async (label: Label) => {
      await api.DELETE(ONE, {
        params: { path: { workspace_id: workspaceId, label_id: label.id }, header: ifMatch(label) },
      });
    },
    onSettled: invalidate,
  });
}
