import { Center, Loader } from "@mantine/core";
import { Navigate, Outlet, useLocation, useSearchParams } from "react-router";
import { ErrorState } from "@/components/states";
import { useSession } from "@/features/auth/api";

export function FullPageLoader() {
  return (
    <Center h="100vh" role="status" aria-label="Loading">
      <Loader size="sm" type="dots" />
    </Center>
  );
}

/** Signed-out visitors go to /login, which sends them back to where they were going. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <FullPageLoader />;
  if (session.isError) {
    return (
      <Center h="100vh" px="md">
        <ErrorState error={session.error} onRetry={() => session.refetch()} />
      </Center>
    );
  }
  if (!session.data) {
    const next = `${location.pathname}${location.search}${location.hash}`;
    const search = next === "/" ? "" : `?${new URLSearchParams({ next })}`;
    return <Navigate to={`/login${search}`} replace />;
  }
  return <Outlet />;
}

/** Only local paths are followed after sign-in, never another site. */
export function safeNext(next: string | null): string {
  return next?.startsWith("/") && !next.startsWith("//") ? next : "/";
}

/** Signed-in users have no business on /login or /signup: on to where they were going. */
export function GuestOnly() {
  const session = useSession();
  const [params] = useSearchParams();
  if (session.isPending) return <FullPageLoader />;
  if (session.data) return <Navigate to={safeNext(params.get("next"))} replace />;
  return <Outlet />;
}
