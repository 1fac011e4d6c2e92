import { useNavigate, useSearchParams } from "react-router";
import { CardScreen } from "@/components/card-screen";
import { useAuthConfig } from "@/features/auth/api";
import { LoginForm } from "@/features/auth/components/login-form";
import { SignupForm } from "@/features/auth/components/signup-form";
import { safeNext } from "./guards";

function useAfterSignIn() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  return () => navigate(safeNext(params.get("next")), { replace: true });
}

function withNext(path: string, params: URLSearchParams): string {
  const next = params.get("next");
  return next ? `${path}?${new URLSearchParams({ next })}` : path;
}

export function LoginRoute() {
  const done = useAfterSignIn();
  const [params] = useSearchParams();
  const config = useAuthConfig();
  // Until the answer is in, and when sign-up is open, offer it; hide it only when it is closed.
  const signupOpen = config.data?.signup_open ?? true;
  return (
    <CardScreen
      title="Sign in to Worklane"
      subtitle="Welcome back."
      footer={
        signupOpen
          ? { text: "New here?", link: "Create an account", to: withNext("/signup", params) }
          : null
      }
    >
      <LoginForm onSignedIn={done} />
    </CardScreen>
  );
}

export function SignupRoute() {
  const done = useAfterSignIn();
  const [params] = useSearchParams();
  return (
    <CardScreen
      title="Create your account"
      subtitle="Plan projects and ongoing work in one place."
      footer={{ text: "Already have an account?", link: "Sign in", to: withNext("/login", params) }}
    >
      <SignupForm onSignedUp={done} />
    </CardScreen>
  );
}
