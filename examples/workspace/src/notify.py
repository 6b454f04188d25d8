import os
from slack_sdk import WebClient

SLACK_BOT_TOKEN = "xoxb-158725848148-4518773741963-NweayjtjraXau4LkMlU4KqwZ"
client = WebClient(token=SLACK_BOT_TOKEN)

# Read from the environment: not a finding
WEBHOOK_SECRET = os.environ["WEBHOOK_SECRET"]

def alert(text: str) -> None:
    client.chat_postMessage(channel="#payments-alerts", text=text)
