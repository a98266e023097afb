"""Environment variable names the runtime reads directly, in one place."""

APP_STAGE = "APP_STAGE"
SETTINGS_SSM_PATH = "SETTINGS_SSM_PATH"
ENV_FILE = "SETTINGS_ENV_FILE"
