// Entry of the web app: CRS registration, i18n, mount.
import './geo/crs'; // registers CGCS2000 and its zones with OpenLayers first
import { createApp } from 'vue';
import 'ol/ol.css';
import './app.css';
import App from './App.vue';
import { i18n } from './i18n';

createApp(App).use(i18n).mount('#app');
