"""WhiteNoise, usable by Django's asynchronous request path.

WhiteNoise's middleware is synchronous only. Under ASGI, Django then hops for every
request from the event loop into a thread (for WhiteNoise), back onto the loop (for the
middleware below it) and into a thread again (for the view). This one answers static files
from a thread and otherwise hands the request straight on, in whichever mode it came.

WhiteNoise's file response iterates a file synchronously; Django's ASGI handler would then
read the whole file into memory on the event loop and warn ("StreamingHttpResponse must
consume synchronous iterators"). On the asynchronous path each chunk is read in a thread
and handed on as an asynchronous iterator instead."""

from asgiref.sync import iscoroutinefunction, markcoroutinefunction, sync_to_async
from whitenoise.middleware import WhiteNoiseMiddleware


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    sync_capable = True
    async_capable = True

    def __init__(self, get_response=None):
        super().__init__(get_response)
        self.is_async = iscoroutinefunction(get_response)
        if self.is_async:
            markcoroutinefunction(self)

    def _static(self, request):
        if self.autorefresh:
            return self.find_file(request.path_info)
        return self.files.get(request.path_info)

    def __call__(self, request):
        if self.is_async:
            return self.__acall__(request)
        return super().__call__(request)

    async def __acall__(self, request):
        static_file = self._static(request)
        if static_file is not None:
            response = await sync_to_async(self.serve, thread_sensitive=False)(
                static_file, request)
            if response.streaming and not response.is_async:
                # The file stays in the response's closers: Django closes it at the end.
                response.streaming_content = chunks_read_in_a_thread(
                    iter(response.streaming_content))
            return response
        return await self.get_response(request)


async def chunks_read_in_a_thread(chunks):
    read = sync_to_async(next, thread_sensitive=False)
    end = object()
    while (chunk := await read(chunks, end)) is not end:
        yield chunk
