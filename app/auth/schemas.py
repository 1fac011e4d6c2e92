import uuid
from datetime import datetime
from typing import Annotated

from pydantic import EmailStr, Field

from app.kit.schemas import Input, Name, Output

Password = Annotated[str, Field(min_length=8, max_length=200)]


class SignUp(Input):
    email: EmailStr
    password: Password
    name: Name


class LogIn(Input):
    email: EmailStr
    password: Annotated[str, Field(max_length=200)]


class PasswordChange(Input):
    current_password: Annotated[str, Field(max_length=200)]
    new_password: Password


class SignUpAccepted(Output):
    detail: str = Field(
        description="Always the same, whether or not the email was free: sign in next."
    )


class User(Output):
    id: uuid.UUID
    email: str
    name: str
    created_at: datetime


class AuthConfig(Output):
    signup_open: bool
    has_users: bool
