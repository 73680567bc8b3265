import L from 'leaflet';

// leaflet-geoman is a plain script bundle that extends the global `L`; it must see ours.
(window as unknown as { L: typeof L }).L = L;
