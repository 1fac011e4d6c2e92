import { createBrowserRouter, Navigate } from "react-router";
import { LoginRoute, SignupRoute } from "./routes/auth";
import { GuestOnly, RequireSession } from "./routes/guards";
import { HomeRoute, NewWorkspaceRoute } from "./routes/home";
import { NotFoundRoute } from "./routes/not-found";
import {
  ApiTokensRoute,
  GeneralSettingsRoute,
  LabelsRoute,
  MembersRoute,
  TeamsRoute,
} from "./routes/settings";
import { MyWorkRoute, ProjectRoute, ProjectsRoute, TaskRoute } from "./routes/work";
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
            { index: true, element: <Navigate to="my-work" replace /> },
            { path: "my-work", element: <MyWorkRoute /> },
            { path: "projects", element: <ProjectsRoute /> },
            { path: "projects/:projectId", element: <ProjectRoute /> },
            { path: "projects/:projectId/:tab", element: <ProjectRoute /> },
            { path: "tasks/:taskKey", element: <TaskRoute /> },
            { path: "settings", element: <Navigate to="general" replace /> },
            { path: "settings/general", element: <GeneralSettingsRoute /> },
            { path: "settings/members", element: <MembersRoute /> },
            { path: "settings/teams", element: <TeamsRoute /> },
            { path: "settings/labels", element: <LabelsRoute /> },
            { path: "settings/api-tokens", element: <ApiTokensRoute /> },
          ],
        },
      ],
    },
    { path: "*", element: <NotFoundRoute /> },
  ]);
}
