// COMMAND DOCS of the geo commands: arguments (syntax in ./syntax.ts), complexity, history.
import type { DocsTable } from './docs-table';

export const geoDocs: DocsTable = {
  geoadd: {
    args: 'key:key condition[NX | XX]@6.2.0 [change=CH@6.2.0] longitude_latitude_member{longitude:double latitude:double member}...',
    complexity: 'O(log(N)) for each item added, where N is the number of elements in the sorted set.',
    history: [['6.2.0', 'Added the `CH`, `NX` and `XX` options.']],
  },
  geodist: { args: 'key:key member1 member2 unit[M | KM | FT | MI]', complexity: 'O(log(N))' },
  geohash: {
    args: 'key:key member...',
    complexity: 'O(log(N)) for each member requested, where N is the number of elements in the sorted set.',
  },
  geopos: { args: 'key:key member...', complexity: 'O(N) where N is the number of members requested.' },
  georadius: {
    args: 'key:key longitude:double latitude:double radius:double unit<M | KM | FT | MI> [WITHCOORD] [WITHDIST] [WITHHASH] count[COUNT count:integer [ANY@6.2.0]] order[ASC | DESC] [STORE key:key] [STOREDIST key:key]',
    complexity: 'O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index.',
    history: [['6.2.0', 'Added the `ANY` option for `COUNT`.'], ['7.0.0', 'Added support for uppercase unit names.']],
  },
  georadius_ro: {
    args: 'key:key longitude:double latitude:double radius:double unit<M | KM | FT | MI> [WITHCOORD] [WITHDIST] [WITHHASH] count[COUNT count:integer [ANY@6.2.0]] order[ASC | DESC]',
    complexity: 'O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index.',
    history: [['6.2.0', 'Added the `ANY` option for `COUNT`.']],
  },
  georadiusbymember: {
    args: 'key:key member radius:double unit<M | KM | FT | MI> [WITHCOORD] [WITHDIST] [WITHHASH] count[COUNT count:integer [ANY]] order[ASC | DESC] [STORE key:key] [STOREDIST key:key]',
    complexity: 'O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index.',
    history: [['7.0.0', 'Added support for uppercase unit names.']],
  },
  georadiusbymember_ro: {
    args: 'key:key member radius:double unit<M | KM | FT | MI> [WITHCOORD] [WITHDIST] [WITHHASH] count[COUNT count:integer [ANY]] order[ASC | DESC]',
    complexity: 'O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index.',
  },
  geosearch: {
    args: 'key:key from<FROMMEMBER member | FROMLONLAT longitude_latitude{longitude:double latitude:double}> by<circle{BYRADIUS radius:double unit<M | KM | FT | MI>} | box{BYBOX width:double height:double unit<M | KM | FT | MI>}> order[ASC | DESC] count[COUNT count:integer [ANY]] [WITHCOORD] [WITHDIST] [WITHHASH]',
    complexity: 'O(N+log(M)) where N is the number of elements in the grid-aligned bounding box area around the shape provided as the filter and M is the number of items inside the shape',
    history: [['7.0.0', 'Added support for uppercase unit names.']],
  },
  geosearchstore: {
    args: 'destination:key source:key from<FROMMEMBER member | FROMLONLAT longitude_latitude{longitude:double latitude:double}> by<circle{BYRADIUS radius:double unit<M | KM | FT | MI>} | box{BYBOX width:double height:double unit<M | KM | FT | MI>}> order[ASC | DESC] count[COUNT count:integer [ANY]] [STOREDIST]',
    complexity: 'O(N+log(M)) where N is the number of elements in the grid-aligned bounding box area around the shape provided as the filter and M is the number of items inside the shape',
    history: [['7.0.0', 'Added support for uppercase unit names.']],
  },
};
