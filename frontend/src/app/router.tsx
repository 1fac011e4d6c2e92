import { createBrowserRouter, Navigate } from "react-router";
import { GuestOnly, RequireSession } from "./routes/guards";
import { HomeRoute, NewWorkspaceRoute } from "./routes/home";
import { AcceptInvitationRoute } from "./routes/invitation";
import { NotFoundRoute } from "./routes/not-found";
import { WorkspaceRoute } from "./routes/workspace";

// Work, time and settings screens load on first visit, with the libraries only they use (Markdown,
// drag and drop, virtual lists), so signing in does not wait for them; the sign-in and sign-up
// forms (react-hook-form) load only for a visitor without a session.
const auth = () => import("./routes/auth");
const work = () => import("./routes/work");
const settings = () => import("./routes/settings");
const time = () => import("./routes/time");

export function createRouter() {
  return createBrowserRouter([
    {
      element: <GuestOnly />,
      children: [
        { path: "/login", lazy: async () => ({ Component: (await auth()).LoginRoute }) },
        { path: "/signup", lazy: async () => ({ Component: (await auth()).SignupRoute }) },
      ],
    },
    {
      element: <RequireSession />,
      children: [
        { path: "/", element: <HomeRoute /> },
        { path: "/new", element: <NewWorkspaceRoute /> },
        { path: "/invitations/accept", element: <AcceptInvitationRoute /> },
        {
          path: "/w/:workspaceId",
          element: <WorkspaceRoute />,
          children: [
            { index: true, element: <Navigate to="my-work" replace /> },
            { path: "my-work", lazy: async () => ({ Component: (await work()).MyWorkRoute }) },
            { path: "projects", lazy: async () => ({ Component: (await work()).ProjectsRoute }) },
            {
              path: "projects/:projectId",
              lazy: async () => ({ Component: (await work()).ProjectRoute }),
            },
            {
              path: "projects/:projectId/:tab",
              lazy: async () => ({ Component: (await work()).ProjectRoute }),
            },
            { path: "tasks/:taskKey", lazy: async () => ({ Component: (await work()).TaskRoute }) },
            { path: "time", lazy: async () => ({ Component: (await time()).MyTimeRoute }) },
            {
              path: "time/approvals",
              lazy: async () => ({ Component: (await time()).ApprovalsRoute }),
            },
            {
              path: "time/reports",
              lazy: async () => ({ Component: (await time()).ReportsRoute }),
            },
            { path: "settings", element: <Navigate to="general" replace /> },
            {
              path: "settings/general",
              lazy: async () => ({ Component: (await settings()).GeneralSettingsRoute }),
            },
            {
              path: "settings/members",
              lazy: async () => ({ Component: (await settings()).MembersRoute }),
            },
            {
              path: "settings/teams",
              lazy: async () => ({ Component: (await settings()).TeamsRoute }),
            },
            {
              path: "settings/labels",
              lazy: async () => ({ Component: (await settings()).LabelsRoute }),
            },
            {
              path: "settings/api-tokens",
              lazy: async () => ({ Component: (await settings()).ApiTokensRoute }),
            },
            {
              path: "settings/account",
              lazy: async () => ({ Component: (await settings()).AccountRoute }),
            },
          ],
        },
      ],
    },
    { path: "*", element: <NotFoundRoute /> },
  ]);
}
