"""Django's Redis cache with one client per process instead of one per call.

Django's ``RedisCache`` builds a new ``redis.Redis`` object around its connection pool for every
get and set; building one costs more than the round trip itself (it fills a table of some 170
response callbacks). A page reads the cache a dozen times, so the client is made once and reused:
it is safe to share, every command borrows a connection from the pool.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusedClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class SharedRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClient
