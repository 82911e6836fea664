-- bench/web.lua - the wrk script of bench/web.sh.
--   wrk ... -s bench/web.lua URL                   the URL's path, every request
--   wrk ... -s bench/web.lua URL -- charger LO HI  /chargers/ID, ID drawn from LO..HI
-- and at the end one line bench/web.sh reads:
--   RESULT requests=N seconds=S p50_us=N p99_us=N errors=N non2xx=N bytes=N

local threads = {}

function setup(thread)
	table.insert(threads, thread)
	thread:set("tid", #threads)
end

function init(args)
	if args[1] == "charger" then
		-- 4,096 ready-made requests per thread, a different draw in each thread (deterministic)
		local lo, hi = tonumber(args[2]), tonumber(args[3])
		local reqs, n = {}, 0
		math.randomseed(1000 + (tid or 1))
		for i = 1, 4096 do
			reqs[i] = wrk.format("GET", "/chargers/" .. math.random(lo, hi))
		end
		request = function()
			n = n % #reqs + 1
			return reqs[n]
		end
	end
end

function done(summary, latency, requests)
	local e = summary.errors
	io.write(string.format("RESULT requests=%d seconds=%.3f p50_us=%d p99_us=%d errors=%d non2xx=%d bytes=%d\n",
		summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99),
		e.connect + e.read + e.write + e.timeout, e.status, summary.bytes))
end
