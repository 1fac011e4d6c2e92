import { createBrowserRouter, Navigate } from "react-router";
import { LoginRoute, SignupRoute } from "./routes/auth";
import { GuestOnly, RequireSession } from "./routes/guards";
import { HomeRoute, NewWorkspaceRoute } from "./routes/home";
import { NotFoundRoute } from "./routes/not-found";
import { ApiTokensRoute, GeneralSettingsRoute, MembersRoute, TeamsRoute } from "./routes/settings";
import { WorkspaceRoute } from "./routes/workspace";

export function createRouter() {
  return createBrowserRouter([
    {
      element: <GuestOnly />,
      children: [
        { path: "/login", element: <LoginRoute /> },
        { path: "/signup", element: <SignupRoute /> },
      ],
    },
    {
      element: <RequireSession />,
      children: [
        { path: "/", element: <HomeRoute /> },
        { path: "/new", element: <NewWorkspaceRoute /> },
        {
          path: "/w/:workspaceId",
          element: <WorkspaceRoute />,
          children: [
            // The workspace's home until "My work" exists.
            { index: true, element: <Navigate to="settings/general" replace /> },
            { path: "settings", element: <Navigate to="general" replace /> },
            { path: "settings/general", element: <GeneralSettingsRoute /> },
            { path: "settings/members", element: <MembersRoute /> },
            { path: "settings/teams", element: <TeamsRoute /> },
            { path: "settings/api-tokens", element: <ApiTokensRoute /> },
          ],
        },
      ],
    },
    { path: "*", element: <NotFoundRoute /> },
  ]);
}
