"""Amazon SES (v1 SendEmail) through boto3, which the Lambda runtime provides and the layer does not ship:
imported here only, when the first message is sent, so only functions that mail ever load it."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from saas_billing.infra.external_api.interface.email_sender import EmailSender, EmailUnavailable

if TYPE_CHECKING:
    from saas_billing.infra.external_api.interface.email_sender import EmailMessage

logger = logging.getLogger(__name__)


class SesEmailSender(EmailSender):
    def __init__(
        self, sender: str | None, *, region: str | None = None, endpoint_url: str | None = None
    ) -> None:
        self._sender = sender
        self._region = region
        self._endpoint_url = endpoint_url
        self._client: Any = None

    def _ses(self) -> Any:
        if self._client is None:
            import boto3

            self._client = boto3.client("ses", region_name=self._region, endpoint_url=self._endpoint_url)
        return self._client

    def send(self, message: EmailMessage) -> None:
        if not self._sender:
            logger.error("no mail_from set (the template's MailFrom parameter): account mail is not sent")
            raise EmailUnavailable()
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            self._ses().send_email(
                Source=self._sender,
                Destination={"ToAddresses": [message.to]},
                Message={
                    "Subject": {"Data": message.subject, "Charset": "UTF-8"},
                    "Body": {
                        "Text": {"Data": message.text, "Charset": "UTF-8"},
                        "Html": {"Data": message.html, "Charset": "UTF-8"},
                    },
                },
            )
        except (BotoCoreError, ClientError) as error:
            code = getattr(error, "response", {}).get("Error", {}).get("Code", type(error).__name__)
            logger.warning("SES refused a message", extra={"error": code})
            raise EmailUnavailable() from error
