"""Environment variable names the runtime reads directly, and what they say about where it runs."""

import os

APP_STAGE = "APP_STAGE"
SETTINGS_SSM_PATH = "SETTINGS_SSM_PATH"
ENV_FILE = "SETTINGS_ENV_FILE"
# Set by Lambda in every function's environment.
LAMBDA_FUNCTION_NAME = "AWS_LAMBDA_FUNCTION_NAME"
# Set by the SAM CLI's local emulator (sam local invoke / start-api), never by Lambda itself.
SAM_LOCAL = "AWS_SAM_LOCAL"


def in_lambda() -> bool:
    return bool(os.environ.get(LAMBDA_FUNCTION_NAME))


def deployed_runtime() -> bool:
    """True where only a deployed stage may run: in Lambda, or reading settings from SSM.

    `sam local invoke` (AWS_SAM_LOCAL) may run the local stage, as the README shows, unless it is
    pointed at an SSM path.
    """
    if os.environ.get(SETTINGS_SSM_PATH):
        return True
    return in_lambda() and os.environ.get(SAM_LOCAL) != "true"
