"""A loopback TCP proxy in front of a MongoDB server that records the name of every command it forwards:
what a built function sends over the wire, seen from outside the function."""

from __future__ import annotations

import socket
import struct
import threading

OP_MSG = 2013
HEADER = struct.Struct("<iiii")  # messageLength, requestID, responseTo, opCode


def command_name(message: bytes) -> str | None:
    """An OP_MSG's command is the first key of its body (section kind 0, after the 4-byte flags)."""
    _, _, _, op_code = HEADER.unpack_from(message)
    if op_code != OP_MSG or message[HEADER.size + 4] != 0:
        return None
    first_element = HEADER.size + 4 + 1 + 4  # the body document's length, then its first element
    name_end = message.index(b"\0", first_element + 1)
    return message[first_element + 1 : name_end].decode()


class CommandRecordingProxy:
    def __init__(self, upstream_host: str, upstream_port: int) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.commands: list[str] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def uri(self) -> str:
        return f"mongodb://127.0.0.1:{self.port}/?directConnection=true"

    def close(self) -> None:
        self._listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.upstream)
            threading.Thread(target=self._requests, args=(client, server), daemon=True).start()
            threading.Thread(target=self._replies, args=(server, client), daemon=True).start()

    def _requests(self, client: socket.socket, server: socket.socket) -> None:
        buffer = b""
        try:
            while chunk := client.recv(65536):
                buffer += chunk
                while len(buffer) >= 4 and len(buffer) >= (length := struct.unpack_from("<i", buffer)[0]):
                    message, buffer = buffer[:length], buffer[length:]
                    name = command_name(message)
                    if name:
                        with self._lock:
                            self.commands.append(name)
                    server.sendall(message)
        except OSError:
            pass
        finally:
            server.close()

    def _replies(self, server: socket.socket, client: socket.socket) -> None:
        try:
            while chunk := server.recv(65536):
                client.sendall(chunk)
        except OSError:
            pass
        finally:
            client.close()
