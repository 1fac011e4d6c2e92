import { notifications } from "@mantine/notifications";
import { toApiError } from "@/api/errors";

export function notifySuccess(message: string) {
  notifications.show({ message, color: "teal", autoClose: 3000 });
}

export function notifyError(error: unknown, title = "That didn't work") {
  notifications.show({ title, message: toApiError(error).detail, color: "red", autoClose: 6000 });
}
